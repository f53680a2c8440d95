from markupsafe import Markup

from odoo import models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        """Merge contacts, keeping their customer numbers and identity keys.

        Around the standard merge: the CIDs of the merged-away customers
        become aliases of the survivor, their former aliases follow, their
        keys stay usable on the survivor (exact duplicates are folded into
        the survivor's key), and the list of possible duplicates is updated.
        The standard checks (at most three contacts, no parent and child, one
        user, journal items) are those of the standard merge; when it refuses,
        the whole transaction is rolled back, including the preparation.
        """
        partners = self.env["res.partner"].browse(partner_ids).exists()
        if len(partners) < 2:
            return super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)
        if not (dst_partner and dst_partner in partners):
            # the same choice as the standard merge makes without a destination
            dst_partner = self._get_ordered_partner(partners.ids)[-1]
        src_partners = partners - dst_partner
        state = self._cid_merge_prepare(src_partners, dst_partner)
        result = super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)
        self._cid_merge_finish(state, dst_partner)
        return result

    def _cid_merge_prepare(self, src_partners, dst_partner):
        """Get the CID data of the merged-away contacts ready for the merge.

        The standard merge moves foreign keys with raw SQL: a key identical
        to one of the survivor's would break the key table's unique index, so
        it is folded into the survivor's key first; aliases and duplicate
        pairs are updated through the ORM here.

        :return: dict with ``cids`` (``[(cid, name)]`` of the merged-away
            customers) and ``keys`` (``{key_id: was_active}`` of the moved keys)
        """
        # the wizard's access rights already limit merging to partner
        # managers; every key (sensitive types and other companies too) and
        # every alias must follow the merge, not only those the user can read
        Key = self.env["crm.cid.key"].sudo().with_context(active_test=False)
        src_partners = src_partners.sudo()
        dst_partner = dst_partner.sudo()
        cids = [
            (partner.cid_own, partner.name)
            for partner in src_partners
            if partner.cid_own and partner.commercial_partner_id == partner
        ]
        keys = Key.search([("partner_id", "in", (src_partners | dst_partner).ids)])
        dst_keys = {
            (key.key_type_id.id, key.value_normalized): key
            for key in keys
            if key.partner_id == dst_partner
        }
        folded = Key
        verified = Key
        moved = {}
        for key in keys.filtered(lambda k: k.partner_id != dst_partner):
            twin = dst_keys.get((key.key_type_id.id, key.value_normalized))
            if twin:
                folded |= key
                if key.is_verified and not twin.is_verified:
                    verified |= twin
            else:
                moved[key.id] = key.active
        # the survivor takes over a value that was active on the merged-away contact
        revived = Key.browse(
            {dst_keys[(k.key_type_id.id, k.value_normalized)].id for k in folded if k.active}
        ).filtered(lambda k: not k.active)
        folded.unlink()
        verified.write({"is_verified": True})
        revived.write({"active": True, "source": "merge"})
        # aliases are managed by the system, not by users: the merge itself
        # was checked by Odoo's wizard
        aliases = self.env["crm.cid.alias"].sudo().search([("partner_id", "in", src_partners.ids)])
        aliases.write({"partner_id": dst_partner.id})
        self.env["crm.cid.duplicate"]._cid_on_merge(src_partners, dst_partner)
        if not dst_partner.cid_own:
            # the standard merge copies every stored field the survivor lacks:
            # a contact surviving a customer would take its number, which the
            # merged-away record still holds (unique). The number becomes an alias.
            src_partners.filtered("cid_own").write({"cid_own": False})
        self.env.flush_all()
        return {"cids": cids, "keys": moved}

    def _cid_merge_finish(self, state, dst_partner):
        """Repair what the raw SQL of the merge left stale and record the aliases."""
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        Key = self.env["crm.cid.key"].sudo().with_context(active_test=False)
        dst_partner = dst_partner.sudo()
        commercial = dst_partner.commercial_partner_id
        # contacts moved under the survivor and the keys moved to it carry
        # stored values computed from their former parent
        family = Partner.search([("id", "child_of", commercial.id)])
        for fname in ("commercial_partner_id", "complete_name", "cid", "cid_name_folded"):
            self.env.add_to_compute(Partner._fields[fname], family)
        keys = Key.search([("partner_id", "in", family.ids)])
        for fname in ("commercial_partner_id", "cid", "company_id"):
            self.env.add_to_compute(Key._fields[fname], keys)
        self.env.flush_all()
        # keys that mirrored a field of the merged-away contact are archived by
        # the survivor's field synchronisation; they still identify it
        moved = Key.browse(list(state["keys"])).exists()
        moved.filtered(
            lambda k: state["keys"][k.id] and not k.active and k.source == "partner"
        ).write({"active": True, "source": "merge"})
        # same as above: aliases are system records written after a checked merge
        known = set(
            self.env["crm.cid.alias"]
            .sudo()
            .search([("cid", "in", [cid for cid, _name in state["cids"]])])
            .mapped("cid")
        )
        self.env["crm.cid.alias"].sudo().create(
            [
                {
                    "cid": cid,
                    "partner_id": dst_partner.id,
                    "note": self.env._("Merged: %(name)s", name=name or ""),
                }
                for cid, name in state["cids"]
                if cid not in known
            ]
        )
        if state["cids"]:
            body = Markup("<br/>").join(
                self.env._("CID %(cid)s merged into this customer", cid=cid)
                for cid, _name in state["cids"]
            )
            dst_partner._message_log(body=body)
