"""One stand-in HTTP server on 127.0.0.1 for the providers the suite calls.

A provider's stand-in (PBX, SMS panel, Meta's Graph API) subclasses
:class:`StandInServer` and writes only what is its own: how a request body
is read (:meth:`parse`) and what the provider answers (:meth:`answer`).
Every request is remembered in :attr:`requests` as ``{"path", "headers",
"body"}``; answers are JSON.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class StandInServer:
    """Serve POST requests on a free local port while used as a context manager."""

    #: appended to the server's address in :attr:`url` (``/v21.0``...)
    base_path = ""

    def __init__(self):
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = server.parse(self.rfile.read(length), self.headers)
                server.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                status, answer = server.answer(self.path, self.headers, body)
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{self.base_path}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def parse(self, raw, headers):
        """The request body as the test reads it (JSON by default)."""
        return json.loads(raw.decode() or "null")

    def answer(self, path, headers, body):
        """``(HTTP status, JSON answer)`` of the provider for this request."""
        return 200, {}
