import logging

from odoo import api, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import email_normalize

_logger = logging.getLogger(__name__)


class ResUsers(models.Model):
    _inherit = "res.users"

    def _create_user_from_template(self, values):
        """Create portal users on the customer that holds their keys, never a second one.

        Every way to a portal account goes through here: a sign-up link
        (``signup`` with a token: ``partner_id`` is the customer the link was
        sent for), the portal wizard (``partner_id`` is the invited contact)
        and a sign-up without a token (no ``partner_id``). In the last case the
        e-mail has not been proven: a new customer is made for it through
        ``cid_find_or_create``, and an address that a customer already holds
        is refused rather than attached. Then the login becomes a
        ``username`` key of the user's contact.
        """
        if not self.env.su:
            # only callers that may make users at all get further (the sign-up
            # pages and the portal wizard run as superuser): anyone else, such
            # as a portal user calling ``signup`` over RPC, is refused before
            # any lookup, so the answer says nothing about who holds the address
            self.check_access("create")
        if not values.get("partner_id"):
            partner_id = self._cid_portal_new_customer(values)
            if partner_id:
                values["partner_id"] = partner_id
        elif self.env["res.partner"].browse(values["partner_id"]).email:
            # the user's e-mail is the contact's: a login typed differently on
            # the sign-up form must not replace the address the link proved
            values.pop("email", None)
        user = super()._create_user_from_template(values)
        user._cid_portal_add_username_key()
        return user

    @api.model
    def _cid_portal_new_customer(self, values):
        """Return the id of a new customer for an unproven sign-up, or None.

        :param dict values: the new user's values (``login``, ``email``, ``name``)
        :return: the id of the customer created for the e-mail, or None when
            the values hold no e-mail (the template makes the contact)
        :raises UserError: when a customer already holds the e-mail: only the
            sign-up link sent to that address may attach an account to it (a
            user error, not Odoo's ``SignupError``, so that a refused call over
            RPC is an answer, not a server error)
        """
        email = email_normalize(values.get("email") or values.get("login") or "")
        if not email:
            return None
        # resolution and creation run as superuser: the sign-up is made by the
        # public user, who reads no customer; nothing found is returned to it
        Partner = self.env["res.partner"].sudo()
        keys = {"email": email}
        held = Partner.cid_resolve(keys)
        if held["partner_id"] or held["conflict"]:
            raise UserError(self.env._("Could not create the account."))
        result = Partner.with_context(crm_cid_key_source="manual").cid_find_or_create(
            keys, {"name": values.get("name") or email}
        )
        return result["partner_id"]

    def _cid_portal_add_username_key(self):
        """Add each user's login as a ``username`` key of their contact.

        A login that another customer already holds as a username is left
        alone (and logged): the account exists either way.
        """
        for user in self:
            # the key is written for the account being created, whose rights
            # (a portal user, or the public user signing up) do not reach keys
            partner = user.partner_id.sudo()
            held = partner.cid_resolve({"username": user.login})
            if held["errors"]:
                continue
            holder = held["commercial_partner_id"]
            if holder and holder != partner.commercial_partner_id.id:
                _logger.warning(
                    "Login of user %s is the username key of another customer; not added",
                    user.id,
                )
                continue
            partner.cid_add_key("username", user.login, source="manual")

    @api.model
    def _cid_portal_request_signup(self, values):
        """Start a sign-up from the website without a link: the e-mail is proven first.

        Whoever holds the address, the visitor gets the same answer and
        nothing they could use: a sign-up link is e-mailed to the address, for
        the customer holding it, or for a new customer made for it through
        ``cid_find_or_create``. Only the reader of that mailbox can then set a
        password, so a sign-up with someone else's e-mail never reaches their
        customer record. A mobile, typed in any format, never attaches an
        account: it is kept on a new customer (flagged for the duplicate
        finder when another customer holds it) and otherwise left out. An
        address that already has an account gets no e-mail.

        :param dict values: ``name``, ``login`` (the e-mail) and an optional ``mobile``
        :raises UserError: when the name is empty or the e-mail or mobile is
            not valid; the same for every address
        """
        email = email_normalize(values.get("login") or "")
        name = (values.get("name") or "").strip()
        if not email:
            raise UserError(self.env._("Enter a valid e-mail address."))
        if not name:
            raise UserError(self.env._("Enter your name."))
        # the public user reads neither users nor customers: the lookups run
        # as superuser and their result only decides where the link points
        Partner = self.env["res.partner"].sudo()
        mobile = False
        if values.get("mobile"):
            normalized, errors = Partner._cid_normalize_keys({"mobile": values["mobile"]})
            if errors:
                raise UserError(self.env._("Enter a valid mobile number, or leave it empty."))
            mobile = normalized["mobile"]
        Users = self.sudo().with_context(active_test=False)
        if Users.search_count(
            Domain.OR([Users._get_login_domain(email), Users._get_email_domain(email)]), limit=1
        ):
            _logger.info("Sign-up requested for an address that already has an account")
            return
        held = Partner.cid_resolve({"email": email})
        if held["conflict"]:
            return
        if held["partner_id"]:
            partner = Partner.browse(held["partner_id"])
        else:
            extra = {"name": name, "mobile": mobile} if mobile else {"name": name}
            result = Partner.with_context(crm_cid_key_source="manual").cid_find_or_create(
                {"email": email}, extra
            )
            partner = Partner.browse(result["partner_id"])
        if partner.with_context(active_test=False).user_ids:
            _logger.info("Sign-up requested for a customer that already has an account")
            return
        partner.signup_prepare(signup_type="signup")
        self._cid_portal_send_signup_link(partner, email)

    @api.model
    def _cid_portal_send_signup_link(self, partner, email):
        """E-mail the sign-up link of ``partner`` to ``email``, an address it holds."""
        url = partner.with_context(relative_url=False)._get_signup_url_for_action()[partner.id]
        template = self.env.ref("crm_cid_portal.mail_template_signup_link")
        email_values = {"email_to": email, "recipient_ids": []}
        if self.env.company.email_formatted:
            email_values["email_from"] = self.env.company.email_formatted
        template.sudo().with_context(crm_cid_portal_signup_url=url).send_mail(
            partner.id, email_values=email_values
        )
