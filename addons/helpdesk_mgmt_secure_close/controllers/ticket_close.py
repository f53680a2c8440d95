import werkzeug.exceptions
import werkzeug.utils

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController


class HelpdeskTicketCloseController(HelpdeskTicketController):
    """Closing a ticket from the portal, for the people allowed to.

    The route it replaces answered GET, looked the ticket up as superuser and
    wrote its stage as superuser: any logged-in user, portal users included,
    could close any ticket by id, and a link in an e-mail could do it for
    them. Here the request must be a POST carrying the session's CSRF token,
    and the ticket must be readable by the user (a portal user reads only the
    tickets of their own company) and, for employees, writable.
    """

    @http.route("/ticket/close", type="http", auth="user", methods=["POST"], csrf=True)
    def support_ticket_close(self, ticket_id=None, stage_id=None, **kw):
        try:
            ticket = request.env["helpdesk.ticket"].browse(int(ticket_id)).exists()
            stage = request.env["helpdesk.ticket.stage"].browse(int(stage_id)).exists()
        except (TypeError, ValueError):
            raise werkzeug.exceptions.BadRequest() from None
        if not ticket or not stage or not stage.close_from_portal:
            raise werkzeug.exceptions.NotFound()
        try:
            ticket.check_access("read")
            if not request.env.user.share:
                ticket.check_access("write")
        except (AccessError, MissingError):
            raise werkzeug.exceptions.NotFound() from None
        # the user reads this ticket as its customer (or may write it as
        # staff), and the stage is one the portal may close to: the stage
        # change is theirs to make, though portal users have no write right
        ticket.sudo().stage_id = stage
        return werkzeug.utils.redirect(f"/my/ticket/{ticket.id}", code=303)
