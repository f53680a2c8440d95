from odoo import api, fields, models
from odoo.exceptions import ConcurrencyError
from odoo.tools import SQL


class SecretariatCounter(models.Model):
    """The last indicator counter used by a series in a Jalali year.

    One row per series and year. Taking the next number updates the row,
    which locks it until the registering transaction ends: registrations in
    one series follow each other, and a rolled-back registration gives its
    number back.
    """

    _name = "secretariat.counter"
    _description = "Indicator counter"
    _order = "series_id, jalali_year desc"

    series_id = fields.Many2one(
        "secretariat.series", required=True, index=True, ondelete="restrict", readonly=True
    )
    jalali_year = fields.Integer(required=True, readonly=True)
    last_number = fields.Integer(readonly=True)

    _series_year_uniq = models.UniqueIndex(
        "(series_id, jalali_year)", "A series has one counter per Jalali year."
    )

    @api.model
    def _take_next(self, series, jalali_year):
        """Return the next counter of ``series`` in ``jalali_year``, locking it.

        The counter row is created when the year has none, then incremented in
        the caller's transaction. A concurrent registration in the same series
        waits for this transaction; PostgreSQL then makes it fail with a
        serialization error, which the RPC layer retries with fresh data (as
        for Odoo's own no-gap sequences).

        :raises ConcurrencyError: when the row appeared concurrently and is not
            visible yet: the whole transaction must be retried
        """
        cr = self.env.cr
        # concurrency errors are expected here and retried by the caller: not
        # worth an error record in the log
        cr.execute(
            SQL(
                """INSERT INTO secretariat_counter
                       (series_id, jalali_year, last_number, create_uid, create_date,
                        write_uid, write_date)
                   VALUES (%(series)s, %(year)s, 0, %(uid)s, now() at time zone 'UTC',
                           %(uid)s, now() at time zone 'UTC')
                   ON CONFLICT (series_id, jalali_year) DO NOTHING""",
                series=series.id,
                year=jalali_year,
                uid=self.env.uid,
            ),
            log_exceptions=False,
        )
        cr.execute(
            SQL(
                """UPDATE secretariat_counter
                      SET last_number = last_number + 1,
                          write_uid = %(uid)s, write_date = now() at time zone 'UTC'
                    WHERE series_id = %(series)s AND jalali_year = %(year)s
                RETURNING last_number""",
                series=series.id,
                year=jalali_year,
                uid=self.env.uid,
            ),
            log_exceptions=False,
        )
        rows = cr.fetchall()
        self.invalidate_model(["last_number"])
        if not rows:
            raise ConcurrencyError(
                self.env._("Another registration opened this year's counter; try again.")
            )
        return rows[0][0]
