from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain
from odoo.tools import SQL


class CrmCidDuplicate(models.Model):
    _name = "crm.cid.duplicate"
    _description = "Possible duplicate customers"
    _order = "state, id desc"

    partner_a_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index=True,
        ondelete="set null",
        help="The older customer of the pair (lower id). Empty once merged away.",
    )
    partner_b_id = fields.Many2one(
        "res.partner",
        string="Possible duplicate",
        index=True,
        ondelete="set null",
        help="The newer customer of the pair. Empty once merged away.",
    )
    cid_a = fields.Char(string="CID", readonly=True, help="CID of the first customer when found.")
    cid_b = fields.Char(
        string="Duplicate CID", readonly=True, help="CID of the second customer when found."
    )
    reason = fields.Selection(
        selection=[("key", "Shared key"), ("name", "Same name")],
        required=True,
        readonly=True,
    )
    key_type_id = fields.Many2one(
        "crm.cid.key.type", string="Key type", readonly=True, ondelete="cascade"
    )
    value = fields.Char(readonly=True, help="The normalised value both customers share.")
    state = fields.Selection(
        selection=[("new", "To review"), ("merged", "Merged"), ("dismissed", "Dismissed")],
        default="new",
        required=True,
        index=True,
    )

    _pair_order = models.Constraint(
        "CHECK(partner_a_id < partner_b_id)", "The first customer of a pair must be the older one."
    )
    _pair_reason_uniq = models.UniqueIndex(
        "(partner_a_id, partner_b_id, reason, COALESCE(key_type_id, 0), COALESCE(value, ''))",
        "This pair of customers is already listed for this reason.",
    )

    @api.depends("cid_a", "cid_b", "partner_a_id", "partner_b_id")
    def _compute_display_name(self):
        for duplicate in self:
            duplicate.display_name = self.env._(
                "%(first)s / %(second)s",
                first=duplicate.cid_a or duplicate.partner_a_id.display_name or "-",
                second=duplicate.cid_b or duplicate.partner_b_id.display_name or "-",
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    @api.model
    def action_find_duplicates(self):
        """Search the database for new candidate pairs and show the ones to review."""
        self._cid_find_duplicates()
        action = self.env["ir.actions.act_window"]._for_xml_id("crm_cid.crm_cid_duplicate_action")
        action["context"] = {"search_default_filter_new": 1}
        return action

    def action_merge(self):
        """Open the standard merge wizard with both customers, keeping the older one."""
        self.ensure_one()
        if self.state != "new" or not (self.partner_a_id and self.partner_b_id):
            raise UserError(self.env._("Only pairs still to review can be merged."))
        partners = self.partner_a_id | self.partner_b_id
        oldest = partners.sorted(lambda p: (p.create_date, p.id))[0]
        wizard = self.env["base.partner.merge.automatic.wizard"].create(
            {
                "state": "selection",
                "partner_ids": [Command.set(partners.ids)],
                "dst_partner_id": oldest.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Merge customers"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_dismiss(self):
        """Mark the pairs as not being duplicates; the finder will not list them again."""
        self.filtered(lambda d: d.state == "new").write({"state": "dismissed"})

    def action_reset(self):
        """Put dismissed pairs back in the list to review."""
        self.filtered(lambda d: d.state == "dismissed").write({"state": "new"})

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _cron_find_duplicates(self):
        """Scheduled entry point of :meth:`_cid_find_duplicates`."""
        self._cid_find_duplicates()

    @api.model
    def _cid_find_duplicates(self):
        """Record the pairs of active customers that look like the same one.

        Two reasons: a key (any type) with the same normalised value held by
        two customers (active, or kept archived because the other customer
        held it first, see ``crm.cid.key.is_conflict``), and the same folded
        name. Within a group of
        customers sharing a value, each one is paired with the oldest, so a
        value shared by n customers gives n - 1 pairs, not n².
        Pairs already listed, whatever their state, are left alone.

        :return: the new ``crm.cid.duplicate`` records
        """
        self.check_access("create")
        candidates = self._cid_get_key_candidates() + self._cid_get_name_candidates()
        if not candidates:
            return self.browse()
        first_ids = list({row[0] for row in candidates})
        existing = self.search_fetch(
            [("partner_a_id", "in", first_ids)],
            ["partner_a_id", "partner_b_id", "reason", "key_type_id", "value"],
        )
        seen = {
            (
                d.partner_a_id.id,
                d.partner_b_id.id,
                d.reason,
                d.key_type_id.id or False,
                d.value or False,
            )
            for d in existing
        }
        partner_ids = {pid for row in candidates for pid in row[:2]}
        # only the CIDs are read, to keep a snapshot on the pair; the caller
        # (duplicate manager, checked above) may not see every company's partner
        partners = self.env["res.partner"].sudo().browse(partner_ids)
        cids = {partner.id: partner.cid for partner in partners}
        vals_list = []
        for row in candidates:
            if row in seen:
                continue
            seen.add(row)
            first_id, second_id, reason, key_type_id, value = row
            vals_list.append(
                {
                    "partner_a_id": first_id,
                    "partner_b_id": second_id,
                    "cid_a": cids.get(first_id) or False,
                    "cid_b": cids.get(second_id) or False,
                    "reason": reason,
                    "key_type_id": key_type_id,
                    "value": value,
                }
            )
        return self.create(vals_list)

    @api.model
    def _cid_get_key_candidates(self):
        """Return ``[(first_id, second_id, "key", key_type_id, value)]`` for shared keys."""
        Key = self.env["crm.cid.key"]
        Partner = self.env["res.partner"]
        rows = self.env.execute_query(
            SQL(
                """
                WITH shared AS (
                    SELECT DISTINCT k.key_type_id, k.value_normalized, k.commercial_partner_id,
                           MIN(k.commercial_partner_id) OVER (
                               PARTITION BY k.key_type_id, k.value_normalized
                           ) AS first_id
                      FROM %(key)s AS k
                      JOIN %(partner)s AS p ON p.id = k.commercial_partner_id
                     WHERE (k.active OR k.is_conflict)
                       AND p.active
                       AND k.value_normalized IS NOT NULL
                )
                SELECT first_id, commercial_partner_id, key_type_id, value_normalized
                  FROM shared
                 WHERE commercial_partner_id <> first_id
                 ORDER BY first_id, commercial_partner_id, key_type_id
                """,
                key=SQL.identifier(Key._table),
                partner=SQL.identifier(Partner._table),
                to_flush=[
                    Key._fields["active"],
                    Key._fields["is_conflict"],
                    Key._fields["value_normalized"],
                    Key._fields["commercial_partner_id"],
                    Key._fields["key_type_id"],
                    Partner._fields["active"],
                ],
            )
        )
        return [(first, second, "key", type_id, value) for first, second, type_id, value in rows]

    @api.model
    def _cid_get_name_candidates(self):
        """Return ``[(first_id, second_id, "name", False, False)]`` for identical folded names."""
        Partner = self.env["res.partner"]
        rows = self.env.execute_query(
            SQL(
                """
                WITH named AS (
                    SELECT id, MIN(id) OVER (PARTITION BY cid_name_folded) AS first_id
                      FROM %(partner)s
                     WHERE active
                       AND id = commercial_partner_id
                       AND cid_name_folded IS NOT NULL
                       AND cid_name_folded <> ''
                )
                SELECT first_id, id FROM named WHERE id <> first_id ORDER BY first_id, id
                """,
                partner=SQL.identifier(Partner._table),
                to_flush=[
                    Partner._fields["active"],
                    Partner._fields["commercial_partner_id"],
                    Partner._fields["cid_name_folded"],
                ],
            )
        )
        return [(first, second, "name", False, False) for first, second in rows]

    @api.model
    def _cid_on_merge(self, src_partners, dst_partner):
        """Update the pairs of customers that are about to be merged.

        Called before the merge moves the foreign keys: a pair inside the
        merged set is marked merged and forgets the partner that disappears
        (its CID stays on the row); a pair linking a merged-away partner with
        a third one is moved to the survivor when it was dismissed, and
        dropped when it was still to review (the next search finds it again
        if the survivor still looks like that third customer).
        """
        merged = src_partners | dst_partner
        src_ids = set(src_partners.ids)
        duplicates = self.sudo().search(
            Domain("partner_a_id", "in", src_partners.ids)
            | Domain("partner_b_id", "in", src_partners.ids)
        )
        inside = duplicates.filtered(
            lambda d: d.partner_a_id in merged and d.partner_b_id in merged
        )
        for duplicate in inside:
            vals = {"state": "merged"}
            if duplicate.partner_a_id.id in src_ids:
                vals["partner_a_id"] = False
            if duplicate.partner_b_id.id in src_ids:
                vals["partner_b_id"] = False
            duplicate.write(vals)
        outside = duplicates - inside
        dismissed = outside.filtered(lambda d: d.state == "dismissed")
        # the merge itself was authorised by Odoo's merge wizard; this only
        # updates the bookkeeping rows of the pairs it touched
        keep = self.sudo()
        taken = {
            (d.partner_a_id.id, d.partner_b_id.id, d.reason, d.key_type_id.id, d.value)
            for d in self.sudo().search(
                Domain("partner_a_id", "=", dst_partner.id)
                | Domain("partner_b_id", "=", dst_partner.id)
            )
        }
        for duplicate in dismissed:
            ids = sorted(
                dst_partner.id if pid in src_ids else pid
                for pid in (duplicate.partner_a_id.id, duplicate.partner_b_id.id)
            )
            signature = (*ids, duplicate.reason, duplicate.key_type_id.id, duplicate.value)
            if ids[0] == ids[1] or signature in taken:
                continue
            taken.add(signature)
            duplicate.write({"partner_a_id": ids[0], "partner_b_id": ids[1]})
            keep |= duplicate
        (outside - keep).unlink()
