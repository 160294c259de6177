"""Month 4: a web server with nothing but Python's standard library.

Run it:  python server.py   then open http://127.0.0.1:8000/
"""
import json
import os
from http.server import BaseHTTPRequestHandler, HTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        # TODO: "/" sends the HTML page from the README, "/api/status" sends {"status": "ok"},
        # "/api/echo" is 405, and anything else is 404 (errors as JSON too).
        body = "Hello".encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    # TODO: do_POST for /api/echo: read the JSON body, answer {"echo": ..., "length": ...}


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    server = HTTPServer(("127.0.0.1", port), Handler)
    print(f"Serving on http://127.0.0.1:{port}/")
    server.serve_forever()
