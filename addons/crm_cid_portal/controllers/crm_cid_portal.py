from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.auth_signup.controllers.main import AuthSignupHome


class CidPortalSignup(AuthSignupHome):
    @http.route()
    def web_auth_signup(self, *args, **kw):
        """A sign-up without a link asks for the e-mail to be proven first.

        The same answer for every address: the visitor learns nothing about
        who holds it. The sign-up link e-mailed to the address brings the
        visitor back here with a token, where the stock flow creates the
        account on that link's customer.
        """
        qcontext = self.get_auth_signup_qcontext()
        if (
            request.httprequest.method != "POST"
            or qcontext.get("token")
            or "error" in qcontext
            or not qcontext.get("signup_enabled")
        ):
            return super().web_auth_signup(*args, **kw)
        qcontext["mobile"] = kw.get("mobile")
        values = {key: qcontext.get(key) for key in ("name", "login", "mobile")}
        try:
            # the visitor is the public user; the method reads and answers
            # nothing about the address's holder
            request.env["res.users"].sudo()._cid_portal_request_signup(values)
            qcontext["message"] = request.env._(
                "We have sent an e-mail to %(email)s. Open the link it contains to confirm "
                "your address and choose your password. If you already have an account, "
                "sign in or reset your password instead.",
                email=qcontext.get("login"),
            )
        except UserError as error:
            qcontext["error"] = error.args[0]
        response = request.render("auth_signup.signup", qcontext)
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
        response.headers["Content-Security-Policy"] = "frame-ancestors 'self'"
        return response
