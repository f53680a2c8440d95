from .webhook import webhook_router
