from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    secretariat_letter_id = fields.Many2one(
        "secretariat.letter",
        string="Letter",
        index="btree_not_null",
        ondelete="cascade",
        readonly=True,
        help="The registered letter this interaction stands for; its content is not copied.",
    )

    secretariat_source_letter_ids = fields.One2many(
        "secretariat.letter", "source_interaction_id", string="Registered as letter"
    )

    _secretariat_letter_uniq = models.UniqueIndex(
        "(secretariat_letter_id) WHERE secretariat_letter_id IS NOT NULL",
        "A letter appears once on the customer's timeline.",
    )

    def action_open_secretariat_letter(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "secretariat.letter",
            "res_id": self.secretariat_letter_id.id,
            "view_mode": "form",
        }

    def action_secretariat_register_letter(self):
        """Prepare an incoming letter from this fax or message, for the secretariat to register.

        The letter is a draft of the customer's, dated when the interaction
        arrived, with a copy of its attachments (the fax's pages), and it
        remembers the interaction it came from: once registered, the
        interaction stands for it on the customer's timeline (no second
        entry). Secretariat clerks only; once per interaction.

        :return: the letter's form
        :raises AccessError: for users who are not secretariat clerks
        :raises UserError: for outbound interactions, or when a letter was
            already prepared from this one
        """
        self.ensure_one()
        self.check_access("read")
        if not self.env.user.has_group("secretariat.group_secretariat_clerk"):
            raise AccessError(self.env._("Only secretariat clerks register incoming letters."))
        if self.direction != "inbound":
            raise UserError(self.env._("Only what a customer sent can be registered as a letter."))
        letter = self.env["secretariat.letter"].search(
            [("source_interaction_id", "=", self.id)], limit=1
        )
        if letter:
            raise UserError(
                self.env._(
                    "This interaction was already made into the letter %(letter)s.",
                    letter=letter.display_name,
                )
            )
        date = fields.Date.context_today(self, self.occurred_at)
        letter = self.env["secretariat.letter"].create(
            {
                "kind": "incoming",
                "partner_id": self.partner_id.id,
                "subject": self.subject or self.channel_id.name,
                "letter_date": date,
                "sender_date": date,
                "source_interaction_id": self.id,
            }
        )
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", self._name), ("res_id", "=", self.id)]
        )
        if attachments:
            self.env["ir.attachment"].create(
                attachments.copy_data({"res_model": letter._name, "res_id": letter.id})
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "secretariat.letter",
            "res_id": letter.id,
            "view_mode": "form",
        }
