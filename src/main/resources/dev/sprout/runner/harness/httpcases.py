"""HTTP cases: serving a WSGI app on a loopback port and sending the case's requests with
http.client, responses capped like output.
"""

from .errors import _safe_str


# ---- http ---------------------------------------------------------------------------------------

def _make_wsgi_server(app):
    import socketserver
    import wsgiref.simple_server as ws

    class Handler(ws.WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class Server(ws.WSGIServer):
        def server_bind(self):
            # HTTPServer.server_bind would resolve the host name (getfqdn): slow, no network here
            socketserver.TCPServer.server_bind(self)
            self.server_name = "127.0.0.1"
            self.server_port = self.server_address[1]
            self.setup_environ()

    server = Server(("127.0.0.1", 0), Handler)
    server.set_app(app)
    return server


def _send_request(port, r, cap):
    import http.client
    import urllib.parse
    method = str(r.get("method") or "GET").upper()
    path = str(r.get("path") or "/")
    headers = dict((str(k), str(v)) for k, v in (r.get("headers") or {}).items())
    lower = set(k.lower() for k in headers)
    body = None
    if r.get("json") is not None:
        import json
        body = json.dumps(r["json"]).encode("utf-8")
        if "content-type" not in lower:
            headers["Content-Type"] = "application/json"
    elif r.get("data") is not None:
        data = r["data"]
        if isinstance(data, dict):
            body = urllib.parse.urlencode(data, doseq=True).encode("utf-8")
            if "content-type" not in lower:
                headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            body = str(data).encode("utf-8")
    elif r.get("body") is not None:
        body = str(r["body"]).encode("utf-8")
    conn = http.client.HTTPConnection("127.0.0.1", port)
    try:
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read(cap + 1)
        return {"status": resp.status, "headers": [[k, v] for k, v in resp.getheaders()],
                "body": data[:cap].decode("utf-8", "replace"), "body_truncated": len(data) > cap}
    except Exception as e:
        return {"status": None, "headers": [], "body": "", "error": "%s: %s" % (type(e).__name__, _safe_str(e))}
    finally:
        conn.close()
