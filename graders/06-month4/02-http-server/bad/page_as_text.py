# sprout-bad: sends the page as text/plain, so a browser shows the tags instead of a page
# must-fail: GET / answers 200 with an HTML page
import json
import os
from http.server import BaseHTTPRequestHandler, HTTPServer

PAGE = """<!doctype html>
<html>
<head><meta charset="utf-8"><title>My first server</title></head>
<body>
  <h1>Hello from http.server</h1>
  <p>This page was sent by a Python program.</p>
  <ul>
    <li><a href="/api/status">/api/status</a></li>
    <li><a href="/api/echo">/api/echo</a> (POST)</li>
  </ul>
</body>
</html>
"""

# which methods each known path answers
ROUTES = {"/": "GET", "/api/status": "GET", "/api/echo": "POST"}


class Handler(BaseHTTPRequestHandler):
    def send_body(self, status, body, content_type, headers=None):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def send_json(self, status, data, headers=None):
        self.send_body(status, json.dumps(data), "application/json", headers)

    def wrong_method_or_missing(self):
        """True (after answering) when the path is unknown or does not take this method."""
        if self.path not in ROUTES:
            self.send_json(404, {"error": "not found"})
            return True
        if ROUTES[self.path] != self.command:
            self.send_json(405, {"error": "method not allowed"}, {"Allow": ROUTES[self.path]})
            return True
        return False

    def do_GET(self):
        if self.wrong_method_or_missing():
            return
        if self.path == "/":
            self.send_body(200, PAGE, "text/plain")
        else:
            self.send_json(200, {"status": "ok"})

    def do_POST(self):
        if self.wrong_method_or_missing():
            return
        length = int(self.headers.get("Content-Length", 0))
        raw = self.rfile.read(length)
        try:
            data = json.loads(raw)
        except ValueError:
            self.send_json(400, {"error": "the body is not valid JSON"})
            return
        if not isinstance(data, dict) or not isinstance(data.get("message"), str):
            self.send_json(400, {"error": 'send {"message": "some text"}'})
            return
        message = data["message"]
        self.send_json(200, {"echo": message, "length": len(message)})


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    server = HTTPServer(("127.0.0.1", port), Handler)
    print(f"Serving on http://127.0.0.1:{port}/")
    server.serve_forever()
