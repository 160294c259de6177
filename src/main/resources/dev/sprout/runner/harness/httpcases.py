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


MAX_REDIRECTS = 10


def _with_case_dir(value, case_dir):
    """An app factory's argument with {case_dir} in its strings replaced by the case's folder
    (where a database file of the case's own may live)."""
    if isinstance(value, str):
        return value.replace("{case_dir}", case_dir)
    if isinstance(value, list):
        return [_with_case_dir(v, case_dir) for v in value]
    if isinstance(value, dict):
        return dict((k, _with_case_dir(v, case_dir)) for k, v in value.items())
    return value


class CookieJar(object):
    """The cookies of one http case, shared by its requests as a browser shares them with one
    site: a Set-Cookie stores (or, expired, deletes) a cookie; every request sends them all.
    One host and one case, so domains and paths are not told apart."""

    def __init__(self):
        self.cookies = {}

    def store(self, headers):
        import http.cookies
        import email.utils
        import time
        for name, value in headers:
            if name.lower() != "set-cookie":
                continue
            jar = http.cookies.SimpleCookie()
            try:
                jar.load(value)
            except http.cookies.CookieError:
                continue
            for key, morsel in jar.items():
                expired = False
                if morsel["max-age"] != "":
                    try:
                        expired = int(morsel["max-age"]) <= 0
                    except ValueError:
                        pass
                elif morsel["expires"]:
                    try:
                        expired = email.utils.mktime_tz(email.utils.parsedate_tz(morsel["expires"])) < time.time()
                    except (TypeError, ValueError, OverflowError):
                        pass
                if expired:
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value

    def header(self):
        return "; ".join("%s=%s" % (k, v) for k, v in self.cookies.items())


def _target(path, query):
    import urllib.parse
    if query:
        path += ("&" if "?" in path else "?") + urllib.parse.urlencode([(str(k), str(v)) for k, v in query])
    return path


def _send_request(port, r, cap, jar=None):
    """Sends one request of a case (following redirects on the same server when it asks) and
    reports the last answer; the jar keeps the cookies between requests."""
    import urllib.parse
    if jar is None:
        jar = CookieJar()
    method = str(r.get("method") or "GET").upper()
    path = _target(str(r.get("path") or "/"), r.get("query") or [])
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
    follow = bool(r.get("follow_redirects"))
    redirects = 0
    while True:
        answer = _exchange(port, method, path, body, headers, cap, jar)
        location = dict((k.lower(), v) for k, v in answer["headers"]).get("location")
        if not follow or answer["status"] not in (301, 302, 303, 307, 308) or not location:
            return answer
        redirects += 1
        if redirects > MAX_REDIRECTS:
            answer["error"] = "more than %d redirects in a row" % MAX_REDIRECTS
            answer["status"] = None
            return answer
        target = urllib.parse.urlsplit(urllib.parse.urljoin("http://127.0.0.1:%d%s" % (port, path), location))
        if target.scheme != "http" or target.hostname not in ("127.0.0.1", "localhost") or \
                (target.port or 80) != port:
            return answer  # a redirect away from the app is reported, not followed
        path = urllib.parse.urlunsplit(("", "", target.path or "/", target.query, ""))
        if answer["status"] in (301, 302, 303) and method != "HEAD":
            method, body = "GET", None  # as browsers do; 307 and 308 repeat the request
            headers = dict((k, v) for k, v in headers.items() if k.lower() not in ("content-type", "content-length"))


def _exchange(port, method, path, body, headers, cap, jar):
    import http.client
    headers = dict(headers)
    if jar.cookies and not any(k.lower() == "cookie" for k in headers):
        headers["Cookie"] = jar.header()
    conn = http.client.HTTPConnection("127.0.0.1", port)
    try:
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read(cap + 1)
        got = resp.getheaders()
        jar.store(got)
        return {"status": resp.status, "headers": [[k, v] for k, v in got],
                "body": data[:cap].decode("utf-8", "replace"), "body_truncated": len(data) > cap}
    except Exception as e:
        return {"status": None, "headers": [], "body": "", "error": "%s: %s" % (type(e).__name__, _safe_str(e))}
    finally:
        conn.close()
