from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # system parameters crm_interaction_webhook.<route>_<name>, read by the
    # WhatsApp and Instagram routes and by replies; administrators only
    crm_whatsapp_verify_token = fields.Char(
        string="WhatsApp verify token",
        config_parameter="crm_interaction_webhook.whatsapp_verify_token",
        groups="base.group_system",
    )
    crm_whatsapp_app_secret = fields.Char(
        string="WhatsApp app secret",
        config_parameter="crm_interaction_webhook.whatsapp_app_secret",
        groups="base.group_system",
    )
    crm_whatsapp_access_token = fields.Char(
        string="WhatsApp access token",
        config_parameter="crm_interaction_webhook.whatsapp_access_token",
        groups="base.group_system",
    )
    crm_whatsapp_graph_url = fields.Char(
        string="WhatsApp Graph API address",
        config_parameter="crm_interaction_webhook.whatsapp_graph_url",
        groups="base.group_system",
    )
    crm_instagram_verify_token = fields.Char(
        string="Instagram verify token",
        config_parameter="crm_interaction_webhook.instagram_verify_token",
        groups="base.group_system",
    )
    crm_instagram_app_secret = fields.Char(
        string="Instagram app secret",
        config_parameter="crm_interaction_webhook.instagram_app_secret",
        groups="base.group_system",
    )
    crm_instagram_access_token = fields.Char(
        string="Instagram access token",
        config_parameter="crm_interaction_webhook.instagram_access_token",
        groups="base.group_system",
    )
    crm_instagram_graph_url = fields.Char(
        string="Instagram Graph API address",
        config_parameter="crm_interaction_webhook.instagram_graph_url",
        groups="base.group_system",
    )
