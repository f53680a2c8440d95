"""The SMS panels' web services: requests to build and answers to read.

Pure functions on plain values, one entry per panel in :data:`PANELS`, after
each panel's published REST documentation:

* Kavenegar: ``POST {base}/v1/{api key}/sms/send.json`` (form ``receptor``,
  ``sender``, ``message``), answer ``{"return": {"status", "message"},
  "entries": [{"messageid", "status", ...}]}``; delivery through
  ``sms/status.json`` (``messageid`` list), status 10 delivered, 11, 6, 13
  and 14 failed.
* Ghasedak: ``POST {base}/v2/sms/send/simple`` (header ``apikey``, form
  ``message``, ``receptor``, ``linenumber``), answer ``{"result": {"code",
  "message"}, "items": [message id]}``; delivery through ``v2/sms/status``
  (form ``id`` list, ``type`` 1), items ``{"id", "status"}``, status 1
  delivered, 2, 8 and 16 failed.
* Melipayamak: ``POST {base}/api/SendSMS/SendSMS`` (form ``username``,
  ``password``, ``to``, ``from``, ``text``), answer ``{"Value": recId,
  "RetStatus": 1}``; delivery through ``GetDeliveries2`` (``recId``), value
  1 delivered, 2 and 16 failed.

Send outcomes use Odoo's words (``success``, ``wrong_number_format``,
``insufficient_credit``, ``unregistered``, ``server_error``); deliveries are
``delivered``, ``failed`` or ``pending``.
"""

import json

PANELS = {
    "kavenegar": "https://api.kavenegar.com",
    "ghasedak": "https://api.ghasedak.me",
    "melipayamak": "https://rest.payamak-panel.com",
}

_KAVENEGAR_SEND_ERRORS = {
    401: "unregistered",
    403: "unregistered",
    411: "wrong_number_format",
    418: "insufficient_credit",
}
_KAVENEGAR_DELIVERED = {10}
_KAVENEGAR_FAILED = {6, 11, 13, 14, 100}
_GHASEDAK_SEND_ERRORS = {401: "unregistered", 403: "unregistered", 406: "wrong_number_format"}
_GHASEDAK_DELIVERED = {1}
_GHASEDAK_FAILED = {2, 8, 16}
_MELIPAYAMAK_SEND_ERRORS = {0: "unregistered", 2: "insufficient_credit", 9: "wrong_number_format"}
_MELIPAYAMAK_DELIVERED = {1}
_MELIPAYAMAK_FAILED = {2, 16}


def local_number(number):
    """Return an Iranian number as the panels want it (``09121234567``)."""
    digits = "".join(char for char in number or "" if char.isdigit())
    if digits.startswith("0098"):
        digits = "0" + digits[4:]
    elif digits.startswith("98") and len(digits) == 12:
        digits = "0" + digits[2:]
    return digits


def send_request(panel, config, number, text):
    """Return ``(url, headers, form)`` of the request that sends ``text`` to ``number``.

    :param str panel: a key of :data:`PANELS`
    :param dict config: ``api_key``, ``username``, ``password``, ``sender``
        and ``base_url`` (empty for the panel's own address)
    """
    base = (config.get("base_url") or PANELS[panel]).rstrip("/")
    receptor = local_number(number)
    if panel == "kavenegar":
        form = {"receptor": receptor, "sender": config["sender"], "message": text}
        return f"{base}/v1/{config['api_key']}/sms/send.json", {}, form
    if panel == "ghasedak":
        form = {"message": text, "receptor": receptor, "linenumber": config["sender"]}
        return f"{base}/v2/sms/send/simple", {"apikey": config["api_key"]}, form
    form = {
        "username": config["username"],
        "password": config["api_key"],
        "to": receptor,
        "from": config["sender"],
        "text": text,
        "isFlash": "false",
    }
    return f"{base}/api/SendSMS/SendSMS", {}, form


def _json(body):
    try:
        return json.loads(body) if body else {}
    except ValueError:
        return {}


def read_send_answer(panel, status_code, body):
    """Return ``(outcome, panel's message id or False, detail)`` of a send answer.

    :param int status_code: the HTTP status
    :param str body: the answer's text
    """
    data = _json(body)
    if not isinstance(data, dict):
        data = {}
    if panel == "kavenegar":
        code = (data.get("return") or {}).get("status") or status_code
        entries = data.get("entries") or []
        if code == 200 and entries and isinstance(entries[0], dict):
            return "success", str(entries[0].get("messageid") or ""), ""
        detail = (data.get("return") or {}).get("message") or f"HTTP {status_code}"
        return _KAVENEGAR_SEND_ERRORS.get(code, "server_error"), False, detail
    if panel == "ghasedak":
        code = (data.get("result") or {}).get("code") or status_code
        items = data.get("items") or []
        if code == 200 and items:
            return "success", str(items[0]), ""
        detail = (data.get("result") or {}).get("message") or f"HTTP {status_code}"
        return _GHASEDAK_SEND_ERRORS.get(code, "server_error"), False, detail
    status = data.get("RetStatus")
    if status_code == 200 and status == 1 and data.get("Value"):
        return "success", str(data["Value"]), ""
    detail = data.get("StrRetStatus") or f"HTTP {status_code}"
    return _MELIPAYAMAK_SEND_ERRORS.get(status, "server_error"), False, detail


def status_requests(panel, config, refs):
    """Return ``[(url, headers, form)]`` asking the delivery of the message ids ``refs``."""
    base = (config.get("base_url") or PANELS[panel]).rstrip("/")
    if panel == "kavenegar":
        url = f"{base}/v1/{config['api_key']}/sms/status.json"
        return [(url, {}, {"messageid": ",".join(refs)})]
    if panel == "ghasedak":
        form = {"id": ",".join(refs), "type": "1"}
        return [(f"{base}/v2/sms/status", {"apikey": config["api_key"]}, form)]
    url = f"{base}/api/SendSMS/GetDeliveries2"
    return [
        (url, {}, {"username": config["username"], "password": config["api_key"], "recId": ref})
        for ref in refs
    ]


def read_status_answer(panel, body, form):
    """Return ``{message id: "delivered" | "failed" | "pending"}`` of a status answer.

    :param dict form: the form of the request it answers (Melipayamak names
        the message only there)
    """
    data = _json(body)
    if not isinstance(data, dict):
        return {}
    if panel == "kavenegar":
        pairs = [
            (entry.get("messageid"), entry.get("status"))
            for entry in data.get("entries") or []
            if isinstance(entry, dict)
        ]
        delivered, failed = _KAVENEGAR_DELIVERED, _KAVENEGAR_FAILED
    elif panel == "ghasedak":
        pairs = [
            (item.get("id"), item.get("status"))
            for item in data.get("items") or []
            if isinstance(item, dict)
        ]
        delivered, failed = _GHASEDAK_DELIVERED, _GHASEDAK_FAILED
    else:
        if data.get("RetStatus") != 1:
            return {}
        try:
            pairs = [(form["recId"], int(data.get("Value")))]
        except (TypeError, ValueError):
            return {}
        delivered, failed = _MELIPAYAMAK_DELIVERED, _MELIPAYAMAK_FAILED
    result = {}
    for ref, status in pairs:
        if ref in (None, ""):
            continue
        if status in delivered:
            result[str(ref)] = "delivered"
        elif status in failed:
            result[str(ref)] = "failed"
        else:
            result[str(ref)] = "pending"
    return result
