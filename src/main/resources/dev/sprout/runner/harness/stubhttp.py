"""Stub HTTP services: a case's canned routes served on a loopback port by a thread of the
supervising process (never the child that runs learner code, which cannot reach it but by HTTP),
and the log of the requests it received, sent back with the case's result.

Everything is bounded: the requests logged, the bodies read, the connections served at once, and
each delay (by the case's wall time; stop() also ends every delay at once).
"""

from .wire import _dumps

MAX_LOGGED = 100  # requests kept in the log; later ones are only counted ("dropped")
MAX_BODY = 64 << 10  # bytes of a request body read and kept
MAX_CONNECTIONS = 16  # served at once; more are closed unanswered (and logged as nothing)
MAX_HEADERS = 50  # per request, kept in the log
MAX_FIELD = 4096  # characters of a header, path or query kept in the log
MAX_LOG_CHARS = 512 << 10  # the whole log (it travels in the result line): later requests are only counted


def prepare():
    """The modules the stub needs, imported before learner code exists (session.prepare_stub)."""
    import http.server  # noqa: F401
    import socketserver  # noqa: F401
    import threading  # noqa: F401
    import urllib.parse  # noqa: F401


def match(routes, method, path, params):
    """The index of the first route for this request, or None. A route's query is a subset: each
    of its parameters must have been sent with that value (its first value, as most servers read)."""
    for i, route in enumerate(routes):
        if (route.get("method") or "GET").upper() != method:
            continue
        if route.get("path") != path:
            continue
        wanted = route.get("query") or {}
        if all(params.get(k, [None])[0] == str(v) for k, v in wanted.items()):
            return i
    return None


def parse_target(target):
    """(path, raw query, {name: [values]}) of a request target such as /weather?city=New%20York."""
    import urllib.parse
    split = urllib.parse.urlsplit(target)
    path = urllib.parse.unquote(split.path) or "/"
    params = {}
    for name, value in urllib.parse.parse_qsl(split.query, keep_blank_values=True):
        params.setdefault(name, []).append(value)
    return path, split.query, params


def response_of(route):
    """(status, [(header, value)], body bytes) for a route, or the 404 for no route."""
    if route is None:
        return 404, [("Content-Type", "application/json")], \
            b'{"error": "no such route in this stub API"}'
    headers = [(str(k), str(v)) for k, v in (route.get("headers") or {}).items()]
    names = set(k.lower() for k, _ in headers)
    if "json" in route:
        body = _dumps(route["json"]).encode("ascii")
        kind = "application/json"
    else:
        body = str(route.get("text") or "").encode("utf-8")
        kind = "text/plain; charset=utf-8"
    if "content-type" not in names:
        headers.append(("Content-Type", kind))
    return int(route.get("status") or 200), headers, body


class StubServer(object):
    """One case's stub: start() serves on 127.0.0.1 and returns the base URL; stop() ends it and
    returns the log as the protocol reports it ({"requests": [...], "dropped": n})."""

    def __init__(self, spec, wall_s):
        self.routes = list(spec.get("routes") or [])
        self.max_delay = max(0.0, float(wall_s))
        self.log = []
        self.dropped = 0
        self.log_chars = 0
        self.server = None
        self.thread = None

    def start(self):
        import http.server
        import socketserver
        import threading
        stub = self
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.open = set()  # connections being served, cut by stop()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = 5  # a client that opens a connection and sends nothing holds a slot no longer

            def log_message(self, *args):
                pass

            def handle_one_request(self):
                try:
                    http.server.BaseHTTPRequestHandler.handle_one_request(self)
                except Exception:
                    self.close_connection = True

            def answer(self):
                stub.serve(self)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = answer

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True
            block_on_close = False
            allow_reuse_address = True

            def server_bind(self):
                # HTTPServer.server_bind would resolve the host name (getfqdn): slow, no network here
                socketserver.TCPServer.server_bind(self)
                self.server_name = "127.0.0.1"
                self.server_port = self.server_address[1]

            def process_request(self, request, client_address):
                if not stub.slots.acquire(blocking=False):
                    self.shutdown_request(request)
                    return
                with stub.lock:
                    stub.open.add(request)
                try:
                    socketserver.ThreadingMixIn.process_request(self, request, client_address)
                except BaseException:
                    stub.closed(request)
                    raise

            def process_request_thread(self, request, client_address):
                try:
                    socketserver.ThreadingMixIn.process_request_thread(self, request, client_address)
                finally:
                    stub.closed(request)

        self.server = Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       name="sprout-stub", daemon=True)
        self.thread.start()
        return "http://127.0.0.1:%d" % self.server.server_port

    def serve(self, handler):
        method = handler.command.upper()
        path, query, params = parse_target(handler.path)
        body = self.read_body(handler)
        headers = [[str(k)[:MAX_FIELD], str(v)[:MAX_FIELD]] for k, v in list(handler.headers.items())[:MAX_HEADERS]]
        index = match(self.routes, method, path, params)
        logged_params = {}
        for name, values in params.items():
            logged_params[name[:MAX_FIELD]] = [v[:MAX_FIELD] for v in values]
        entry = {"method": method[:MAX_FIELD], "path": path[:MAX_FIELD], "query": query[:MAX_FIELD],
                 "params": logged_params, "headers": headers, "body": body.decode("utf-8", "replace"),
                 "route": index}
        size = len(entry["path"]) + 2 * len(entry["query"]) + len(entry["body"]) \
            + sum(len(k) + len(v) for k, v in headers) + 64
        with self.lock:
            if len(self.log) < MAX_LOGGED and self.log_chars + size <= MAX_LOG_CHARS:
                self.log.append(entry)
                self.log_chars += size
            else:
                self.dropped += 1
        route = self.routes[index] if index is not None else None
        delay = min(float(route.get("delay") or 0), self.max_delay) if route is not None else 0
        if delay > 0 and self.stopping.wait(delay):
            handler.close_connection = True
            return
        status, out_headers, out = response_of(route)
        handler.send_response(status)
        for name, value in out_headers:
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(out)))
        handler.end_headers()
        if method != "HEAD":
            handler.wfile.write(out)

    def read_body(self, handler):
        try:
            length = int(handler.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        if length <= 0:
            return b""
        data = handler.rfile.read(min(length, MAX_BODY))
        if length > MAX_BODY:
            handler.close_connection = True  # the rest is never read: the connection cannot be reused
        return data

    def closed(self, request):
        with self.lock:
            if request in self.open:
                self.open.discard(request)
                self.slots.release()

    def stop(self):
        """Ends the server, every waiting delay and open connection, and returns the log."""
        if self.server is not None:
            import socket
            self.stopping.set()
            self.server.shutdown()
            self.server.server_close()
            with self.lock:
                connections = list(self.open)
            for request in connections:
                try:  # wakes a handler blocked reading from a client that never finished
                    request.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            self.thread.join(1.0)
            self.server = None
        with self.lock:
            return {"requests": list(self.log), "dropped": self.dropped}
