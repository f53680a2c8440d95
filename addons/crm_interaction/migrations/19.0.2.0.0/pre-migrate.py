"""Provider ids become unique per channel *and provider*.

Before 19.0.2.0.0 the unique index ``crm_interaction_external_id_uniq`` was
on (channel, external id): a second SMS panel or a second bot sending the
same numeric id was answered ``duplicate`` and never stored. The new index
``crm_interaction_provider_external_id_uniq`` is on (channel, provider,
external id). This script, run before the module is updated:

1. adds the column ``provider`` and sets it to '' on every row;
2. fills it where the route the interaction came through is known: the
   provider webhook request that created it (``crm_interaction_webhook``'s
   log), or the webhook quarantine item it was re-processed from; bot routes
   (Telegram, Bale, Eitaa, Rubika) get ``<route>:<API key id>``, one provider
   per bot, as the webhooks now send them; messages of a Telegram or Bale
   conversation of Discuss (``crm_interaction_gateway``) get
   ``<channel>:gateway<gateway id>``, one provider per bot too;
3. drops the old index and creates the new one.

Every row keeps its values: rows that were unique per channel stay unique
per channel and provider, so nothing is merged, deleted or refused.
"""

import logging

from odoo.tools import SQL, sql

_logger = logging.getLogger(__name__)

OLD_INDEX = "crm_interaction_external_id_uniq"
NEW_INDEX = "crm_interaction_provider_external_id_uniq"
# Webhook routes that stand for one bot per API key (crm_interaction_webhook's
# tools.providers.BOT_ROUTES; kept here so that the script runs on its own).
BOT_ROUTES = ("telegram", "bale", "eitaa", "rubika")


def _provider_of(alias, route_column):
    """SQL: the provider of a route and API key, as the webhooks now send it."""
    route = SQL.identifier(alias, route_column)
    key = SQL.identifier(alias, "api_key_id")
    return SQL(
        "CASE WHEN %s = ANY(%s) AND %s IS NOT NULL THEN %s || ':' || %s ELSE %s END",
        route,
        list(BOT_ROUTES),
        key,
        route,
        key,
        route,
    )


def fill_providers(cr):
    """Add and fill ``crm_interaction.provider``; return the number of rows given one.

    Safe to run again: only rows whose provider is empty are filled.
    """
    if not sql.column_exists(cr, "crm_interaction", "provider"):
        sql.create_column(cr, "crm_interaction", "provider", "varchar")
    cr.execute(SQL("UPDATE crm_interaction SET provider = '' WHERE provider IS NULL"))
    filled = 0
    if sql.table_exists(cr, "crm_interaction_webhook_log"):
        # the request that created the interaction (a later replay of the same
        # id was logged as a duplicate pointing at it, and is not its origin)
        cr.execute(
            SQL(
                """
                UPDATE crm_interaction i
                   SET provider = %s
                  FROM (SELECT DISTINCT ON (interaction_id) interaction_id, provider, api_key_id
                          FROM crm_interaction_webhook_log
                         WHERE interaction_id IS NOT NULL
                           AND outcome IN ('created', 'unmatched')
                         ORDER BY interaction_id, id) l
                 WHERE l.interaction_id = i.id AND i.provider = ''
                """,
                _provider_of("l", "provider"),
            )
        )
        filled += cr.rowcount
        if sql.column_exists(cr, "crm_interaction_quarantine", "webhook_provider"):
            # stored by re-processing a webhook document kept in the quarantine
            cr.execute(
                SQL(
                    """
                    UPDATE crm_interaction i
                       SET provider = %s
                      FROM (SELECT DISTINCT ON (q.interaction_id) q.interaction_id,
                                   q.webhook_provider, l.api_key_id
                              FROM crm_interaction_quarantine q
                         LEFT JOIN crm_interaction_webhook_log l ON l.quarantine_id = q.id
                             WHERE q.interaction_id IS NOT NULL
                               AND q.webhook_provider IS NOT NULL
                               AND q.state = 'reprocessed'
                               AND COALESCE(q.last_outcome, 'created') IN ('created', 'unmatched')
                             ORDER BY q.interaction_id, q.id, l.id) q
                     WHERE q.interaction_id = i.id AND i.provider = ''
                    """,
                    _provider_of("q", "webhook_provider"),
                )
            )
            filled += cr.rowcount
    if sql.column_exists(cr, "discuss_channel", "gateway_id"):
        # Telegram and Bale conversations of Discuss (mail_gateway): the
        # interaction points at the message posted in the bot's chat
        cr.execute(
            SQL(
                """
                UPDATE crm_interaction i
                   SET provider = c.code || ':gateway' || dc.gateway_id
                  FROM mail_message m, discuss_channel dc, crm_interaction_channel c
                 WHERE i.message_id = m.id
                   AND m.model = 'discuss.channel'
                   AND dc.id = m.res_id
                   AND dc.gateway_id IS NOT NULL
                   AND c.id = i.channel_id
                   AND c.code IN ('telegram', 'bale')
                   AND i.provider = ''
                """
            )
        )
        filled += cr.rowcount
    return filled


def replace_index(cr):
    """Drop the unique index on (channel, external id); create the one with the provider."""
    cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(OLD_INDEX)))
    cr.execute(
        SQL(
            "CREATE UNIQUE INDEX IF NOT EXISTS %s ON crm_interaction "
            "(channel_id, COALESCE(provider, ''), external_id) WHERE external_id IS NOT NULL",
            SQL.identifier(NEW_INDEX),
        )
    )


def migrate(cr, version):
    if not version:
        return
    filled = fill_providers(cr)
    replace_index(cr)
    _logger.info("crm_interaction: provider set on %s interaction(s) from their route", filled)
