"""The request loop: JSON lines from the JVM in, one response each out (docs/harness-protocol.md,
"Requests and responses"). Which op runs what is the dispatch table OPS, at the end."""

import os

from .errors import _harness_error
from .oshelp import _children
from .shared import DEFAULT_LIMITS, _M
from .supervise import _kill_group
from .wire import _dumps, _loads


class RequestLoop(object):
    """The harness's side of the JVM channel (mixed into session.Harness): reads requests, hands
    each to its op's handler (OPS) and writes exactly one response per request, in order."""

    # ---- channel ---------------------------------------------------------------------------

    def take_channel(self):
        """Moves the JVM channel off fds 0/1 so nothing but responses can ever reach it."""
        self.chan_in = os.dup(0)
        self.chan_out = os.dup(1)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.dup2(2, 1)  # stray prints from the harness go to its stderr

    def send(self, obj):
        data = _dumps(obj) + "\n"
        view = memoryview(data.encode("ascii"))
        while view:
            try:
                n = os.write(self.chan_out, view)
            except InterruptedError:
                continue
            view = view[n:]

    def serve(self):
        reader = os.fdopen(self.chan_in, "rb", closefd=False)
        try:
            while True:
                line = reader.readline()
                if not line:
                    return 0
                line = line.strip()
                if not line:
                    continue
                try:
                    req = _loads(line.decode("utf-8", "replace"))
                    if not isinstance(req, dict):
                        raise ValueError("a request must be a JSON object")
                except ValueError as e:
                    self.send({"op": "error", "message": "bad request: %s" % e})
                    continue
                op = req.get("op")
                if op == "bye":
                    return 0
                try:
                    resp = self.dispatch(op, req, line)
                except Exception as e:  # the harness must answer every request
                    if op == "case":
                        resp = {"op": "result", "id": req.get("id"), "status": "harness-error",
                                "exception": _harness_error(e), "stdout": "", "stderr": "",
                                "stdout_truncated": False, "stderr_truncated": False, "files": {},
                                "elapsed_ms": 0}
                    else:
                        resp = {"op": "error", "message": "%s: %s" % (type(e).__name__, e)}
                self.send(resp)
                if op == "load" and resp.get("ok") and self.reuse:
                    self.prefork(req.get("limits"))
        finally:
            # SIGKILL the child's group and go: no need to wait for its end (the sandbox, its
            # parent-death signal and the JVM's tree kill all see to it)
            c, self.child = self.child, None
            if c is not None and c.status is None:
                _kill_group(c.pid)
            if self.postgres is not None:
                self.postgres.stop()
            if self.libc is not None:
                for pid in _children():  # orphans re-parented to us (cases killed theirs already)
                    try:
                        os.kill(pid, _M._signal.SIGKILL)
                    except OSError:
                        pass

    def dispatch(self, op, req, line):
        """The response to one request (not "bye"): its handler from OPS, or an error for an op
        the harness does not know. Raises what the handler raises."""
        handler = OPS.get(op) if isinstance(op, str) else None
        if handler is None:
            return {"op": "error", "message": "unknown op %r" % (op,)}
        return handler(self, req, line)

    def prefork(self, limits):
        """Forks the first child right after load, while the JVM prepares the first case."""
        merged = dict(DEFAULT_LIMITS)
        if isinstance(limits, dict):
            merged.update({k: v for k, v in limits.items() if v is not None})
        try:
            self.child_for(merged)
        except Exception:
            self.retire_child()


# The request loop's dispatch table: op -> handler(harness, request, raw line). "bye" ends the
# loop before dispatch; "case" also gets the raw line (a child receives it as it came).
OPS = {
    "hello": lambda h, req, line: h.hello(req),
    "load": lambda h, req, line: h.load(req),
    "facts": lambda h, req, line: h.facts(req),
    "preload": lambda h, req, line: h.preload(req),
    "case": lambda h, req, line: h.case(req, line),
    "postgres": lambda h, req, line: h.start_postgres(req),
}
