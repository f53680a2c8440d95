from odoo import api, fields, models

# the letter's fields the timeline entry reflects
SYNCED_FIELDS = {"state", "partner_id", "kind", "registered_at", "indicator_number"}


class SecretariatLetter(models.Model):
    _inherit = "secretariat.letter"

    source_interaction_id = fields.Many2one(
        "crm.interaction",
        string="Received as",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The fax or message this letter was registered from; it stands for the letter "
        "on the customer's timeline.",
    )
    interaction_id = fields.Many2one(
        "crm.interaction",
        string="Timeline entry",
        compute="_compute_interaction_id",
        help="The entry of this letter among the customer's interactions.",
    )

    def _compute_interaction_id(self):
        # which entry stands for the letter is not itself confidential
        entries = (
            self.env["crm.interaction"]
            .sudo()
            .search_fetch([("secretariat_letter_id", "in", self.ids)], ["secretariat_letter_id"])
        )
        by_letter = {entry.secretariat_letter_id.id: entry.id for entry in entries}
        for letter in self:
            letter.interaction_id = by_letter.get(letter.id, False)

    def write(self, vals):
        result = super().write(vals)
        if SYNCED_FIELDS & vals.keys():
            self._interaction_sync()
        return result

    def _interaction_on_timeline(self):
        """Whether the letter belongs on its correspondent's timeline.

        A letter registered from a fax or message already on the timeline is
        not put there a second time.
        """
        self.ensure_one()
        return bool(
            self.indicator_number
            and self.partner_id
            and self.kind in ("incoming", "outgoing")
            and not self.source_interaction_id
        )

    @api.model
    def _prepare_interaction_values(self, letter, channel):
        label = self.env._("Letter %(number)s", number=letter.indicator_number)
        if letter.is_void:
            label = self.env._("%(label)s (void)", label=label)
        return {
            "channel_id": channel.id,
            "direction": "inbound" if letter.kind == "incoming" else "outbound",
            "occurred_at": letter.registered_at,
            "partner_id": letter.partner_id.id,
            "company_id": letter.company_id.id,
            "subject": label,
            "external_id": f"secretariat.letter:{letter.id}",
            "secretariat_letter_id": letter.id,
        }

    def _interaction_sync(self):
        """Create, update or remove the timeline entries of these letters.

        One entry per registered letter with a customer, keyed by the letter
        (unique), which carries the number and a link but none of the letter's
        content: a confidential letter stays readable only in the secretariat.

        Runs as superuser: the entry mirrors a letter the user just changed
        under their own rights, and clerks need no rights on interactions.
        """
        Interaction = self.env["crm.interaction"].sudo().with_context(active_test=False)
        existing = Interaction.search([("secretariat_letter_id", "in", self.ids)])
        by_letter = {entry.secretariat_letter_id.id: entry for entry in existing}
        channel = self.env.ref("crm_interaction.crm_interaction_channel_letter")
        to_create, to_remove = [], Interaction
        for letter in self.sudo():
            entry = by_letter.get(letter.id)
            if not letter._interaction_on_timeline():
                to_remove |= entry or Interaction
                continue
            values = self._prepare_interaction_values(letter, channel)
            if entry:
                changed = {
                    name: value
                    for name, value in values.items()
                    if entry._fields[name].convert_to_write(entry[name], entry) != value
                }
                if changed:
                    entry.write(changed)
            else:
                to_create.append(values)
        if to_create:
            Interaction.create(to_create)
        to_remove.unlink()
