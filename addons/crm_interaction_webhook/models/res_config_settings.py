from odoo import fields, models


def _meta_parameter(route, name, label):
    """The settings field of system parameter ``crm_interaction_webhook.<route>_<name>``,
    read by the Meta routes and by replies; administrators only."""
    return fields.Char(
        string=label,
        config_parameter=f"crm_interaction_webhook.{route}_{name}",
        groups="base.group_system",
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_whatsapp_verify_token = _meta_parameter("whatsapp", "verify_token", "WhatsApp verify token")
    crm_whatsapp_app_secret = _meta_parameter("whatsapp", "app_secret", "WhatsApp app secret")
    crm_whatsapp_access_token = _meta_parameter("whatsapp", "access_token", "WhatsApp access token")
    crm_whatsapp_graph_url = _meta_parameter("whatsapp", "graph_url", "WhatsApp Graph API address")
    crm_instagram_verify_token = _meta_parameter(
        "instagram", "verify_token", "Instagram verify token"
    )
    crm_instagram_app_secret = _meta_parameter("instagram", "app_secret", "Instagram app secret")
    crm_instagram_access_token = _meta_parameter(
        "instagram", "access_token", "Instagram access token"
    )
    crm_instagram_graph_url = _meta_parameter(
        "instagram", "graph_url", "Instagram Graph API address"
    )
