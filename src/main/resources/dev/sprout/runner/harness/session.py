"""Harness: the state of one submission (source, compiled entry, scratch folder, the serving
child) and the ops that need no child: hello, load, facts, preload, plus case, which hands the
case to a child and its Supervisor.
"""

import io
import os
import sys
import time

from .case import decode_inputs
from .casedir import CaseFolders, _is_relative_inside, read_report_files
from .errors import _mro, _safe_str
from .facts import _facts
from .loop import RequestLoop
from .oshelp import _become_subreaper, _freeze, _magic
from .package import check_request, load_package, package_facts
from .pgservice import PostgresServer
from .pool import ChildPool
from .shared import DEFAULT_LIMITS, PROTOCOL
from .stubhttp import StubServer
from .stubhttp import prepare as _prepare_stub
from .sqlcases import read_database, run_sql_case
from .supervise import Supervisor
from .wire import _dumps


class Harness(RequestLoop, CaseFolders, ChildPool):
    def __init__(self, source_dir, scratch_dir):
        self.source_dir = os.path.abspath(source_dir)
        self.scratch_dir = os.path.abspath(scratch_dir)
        self.entry = None  # relative file name, e.g. "calculator.py"
        self.module_name = None
        self.source = None  # decoded text of the entry file
        self.lines = None  # the entry's source lines, for stacks
        self.code = None  # compiled once at load; children exec it
        self.load_error = None  # ERROR dict when the entry does not compile
        self.files = None  # SOURCE_DIR as loaded: [(relative path, bytes, or None for "copy it")]
        self.dirs = None  # its folders, parents first
        self.seq = 0
        self.http_ready = False
        self.stub_ready = False
        self.libc = None
        self.subreaper_tried = False
        self.pristine_path = list(sys.path)
        self.pristine_modules = dict(sys.modules)
        self.nproc_baseline = None  # counted when the first child starts
        self.chan_in = None
        self.chan_out = None
        self.generation = 0  # bumped whenever what a child inherits changes (load, preload, http)
        self.child = None  # the child serving cases, if one is alive (ChildHandle)
        self.reuse = sys.platform.startswith("linux") and os.environ.get("SPROUT_FRESH_CHILD") != "1"
        self.wake_r = None
        self.shared = None  # (generation, module snapshots, class snapshots) for children
        self.null_stdio = None  # (stdin, stdout) for children between cases
        # writable places outside SCRATCH_DIR that are the sandbox's own (tier A's /dev/shm):
        # emptied after every case like SCRATCH_DIR; never a machine-wide folder
        self.private_dirs = [d for d in os.environ.pop("SPROUT_PRIVATE_DIRS", "").split(":") if os.path.isabs(d)]
        self.codes = None  # module name -> code object, handed out by hello
        self.private_modules = {}  # the harness's own modules (not in sys.modules), by name
        self.package = None  # a package entry ("inventory/"): its import name; see package.py
        self.package_tools = None  # (importlib, runpy), imported before learner code for a package
        self.postgres = None  # the submission's PostgreSQL server (pgservice.py), once started

    # ---- simple ops --------------------------------------------------------------------------

    def hello(self, req=None):
        resp = {"op": "ready", "protocol": PROTOCOL,
                "python": "%d.%d.%d" % sys.version_info[:3],
                "implementation": sys.implementation.name, "executable": sys.executable,
                "pid": os.getpid()}
        if req and req.get("code") and self.codes:
            # The harness compiled (harness.py's code and each module's, by name), for later
            # harnesses of the same interpreter to start without compiling it again
            # (docs/harness-protocol.md, "Start-up"). Sent before any learner code exists in this sandbox.
            import marshal
            import binascii
            resp["code"] = binascii.b2a_base64(marshal.dumps(self.codes), newline=False).decode("ascii")
            resp["magic"] = binascii.hexlify(_magic()).decode("ascii")
        return resp

    def load(self, req):
        entry = req.get("entry")
        if not isinstance(entry, str) or not _is_relative_inside(entry):
            raise ValueError("entry must be a relative file name inside SOURCE_DIR")
        self.retire_child()
        self.generation += 1
        self.entry = os.path.normpath(entry)
        self.module_name = os.path.splitext(os.path.basename(self.entry))[0]
        self.code = None
        self.source = None
        self.lines = None
        self.load_error = None
        self.package = None
        self.snapshot_source()
        if entry.endswith("/"):
            return load_package(self, _decode_source)
        path = os.path.join(self.source_dir, self.entry)
        try:
            with open(path, "rb") as f:
                raw = f.read()
        except OSError as e:
            self.load_error = {"type": type(e).__name__, "mro": _mro(type(e)),
                               "message": "cannot read %s: %s" % (self.entry, e.strerror or e),
                               "line": None, "file": self.entry, "text": None, "offset": None,
                               "traceback": "%s: %s" % (type(e).__name__, e)}
            return {"op": "loaded", "ok": False, "error": self.load_error}
        if self.entry.endswith(".sql"):
            return self.load_sql(raw)
        try:
            self.source = _decode_source(raw, self.entry)
            self.lines = self.source.splitlines(True)
            self.code = compile(self.source, self.entry, "exec", dont_inherit=True)
            # no collection first: a third of a millisecond for the whole heap, where hardly a
            # cycle is garbage yet (preload and http, which import packages, collect)
            _freeze(collect=False)
        except (SyntaxError, ValueError, UnicodeError, OverflowError, MemoryError, RecursionError) as e:
            self.code = None
            self.load_error = self.load_error_of(e, raw)
            return {"op": "loaded", "ok": False, "error": self.load_error}
        return {"op": "loaded", "ok": True, "module": self.module_name}

    def load_sql(self, raw):
        """A .sql entry (sql cases): its text is kept for the named queries; nothing compiles."""
        try:
            self.source = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = raw[:e.start].count(b"\n") + 1
            self.load_error = {"type": "UnicodeDecodeError", "mro": _mro(UnicodeDecodeError),
                               "message": "%s is not UTF-8 text (line %d)" % (self.entry, line), "line": line,
                               "file": self.entry, "text": None, "offset": None,
                               "traceback": "UnicodeDecodeError: %s" % _safe_str(e)}
            return {"op": "loaded", "ok": False, "error": self.load_error}
        self.lines = self.source.splitlines(True)
        self.code = compile("", self.entry, "exec", dont_inherit=True)  # never run: sql cases need no child
        return {"op": "loaded", "ok": True, "module": self.module_name}

    def load_error_of(self, e, raw):
        if isinstance(e, SyntaxError):
            import traceback
            text = e.text
            if isinstance(text, str):
                text = text.rstrip("\r\n")
            return {"type": type(e).__name__, "mro": _mro(type(e)), "message": str(e.msg),
                    "line": e.lineno, "file": self.entry, "text": text, "offset": e.offset,
                    "traceback": "".join(traceback.format_exception_only(type(e), e)).rstrip("\n")}
        line = None
        if isinstance(e, ValueError) and b"\0" in raw:
            line = raw[:raw.index(b"\0")].count(b"\n") + 1
        message = _safe_str(e)
        where = '  File "%s", line %s\n' % (self.entry, line) if line else ""
        return {"type": type(e).__name__, "mro": _mro(type(e)), "message": message, "line": line,
                "file": self.entry, "text": None, "offset": None,
                "traceback": "%s%s: %s" % (where, type(e).__name__, message)}

    def facts(self, req):
        entry = req.get("entry") or self.entry
        if not entry:
            raise ValueError("no file loaded")
        if self.package is not None and not req.get("entry"):
            return package_facts(self, _decode_source)
        if entry == self.entry and self.source is not None:
            source = self.source
        else:
            if not _is_relative_inside(entry):
                raise ValueError("entry must be a relative file name inside SOURCE_DIR")
            with open(os.path.join(self.source_dir, entry), "rb") as f:
                source = f.read()
        import ast  # only source rules need it: not worth its import time at every start
        try:
            if isinstance(source, bytes):
                source = _decode_source(source, entry)
            tree = ast.parse(source, entry)
        except (SyntaxError, ValueError) as e:
            return {"op": "facts", "ok": False, "error": self.load_error_of(e, b"")}
        result = _facts(tree)
        result["op"] = "facts"
        result["ok"] = True
        return result

    def preload(self, req):
        """Imports installed packages (never the learner's files) once, for every later child."""
        done = {}
        try:
            # requests.py, a requests/ folder, requests.pyc or an extension module: anything the
            # learner's import could find in the exercise folder before the installed package
            own = {entry.split(".")[0] for entry in os.listdir(self.source_dir)}
        except OSError:
            own = set()
        for name in req.get("modules") or []:
            top = str(name).split(".")[0]
            if top in own:
                done[name] = "shadowed"  # the learner's own file of that name must win
                continue
            try:
                __import__(name)
                done[name] = "ok"
            except ImportError as e:
                done[name] = "missing: %s" % _safe_str(e)
            except Exception as e:
                done[name] = "failed: %s: %s" % (type(e).__name__, _safe_str(e))
        self.retire_child()
        self.generation += 1
        self.pristine_modules = dict(sys.modules)
        _freeze()
        return {"op": "preloaded", "modules": done}

    def start_postgres(self, req):
        """Starts the submission's PostgreSQL server (pgservice.py), before any child is forked, so
        the children's process count starts with the server's processes in it."""
        if self.postgres is not None:
            return {"op": "postgres", "ok": True, "url": self.postgres.url}
        bin_dir, template = req.get("bin"), req.get("template")
        if not (isinstance(bin_dir, str) and os.path.isabs(bin_dir)
                and isinstance(template, str) and os.path.isabs(template)):
            raise ValueError("postgres needs absolute bin and template paths")
        if self.libc is None and not self.subreaper_tried:
            self.subreaper_tried = True  # as spawn_child would: the server gets a parent-death signal
            self.libc = _become_subreaper(False)
        self.retire_child()
        server = PostgresServer(self.scratch_dir)
        self.postgres = server
        try:
            said = server.start(bin_dir, template, self.libc)
        except Exception as e:
            said = {"ok": False, "message": "%s: %s" % (type(e).__name__, _safe_str(e)), "log": server.log_tail()}
        if not said.get("ok"):
            server.stop()
        said["op"] = "postgres"
        return said

    # ---- a case ------------------------------------------------------------------------------

    def case(self, req, raw=None):
        case_id = req.get("id")
        kind = req.get("kind")
        if kind not in ("call", "expr", "run", "http", "sql", "tests", "scenario"):
            raise ValueError("unknown case kind %r" % (kind,))
        if self.entry is None:
            raise ValueError("no file loaded")
        limits = dict(DEFAULT_LIMITS)
        limits.update({k: v for k, v in (req.get("limits") or {}).items() if v is not None})
        started = time.monotonic()
        if self.code is None:
            return self.load_error_result(case_id, kind, started)
        if kind == "sql":
            # no child: the learner's SQL runs in this process, confined by sqlite (sqlcases.py)
            resp = run_sql_case(self, req, limits)
            return dict([("op", "result"), ("id", case_id)] + list(resp.items()))
        # Inputs are decoded and checked here, so a bad request is a harness-error rather than
        # something that looks like the learner's exception; the child decodes its own copy.
        decode_inputs(req, kind)
        db = req.get("db")
        if db is not None:
            # read here after the child has finished; the child gets the request without it
            if not isinstance(db, dict):
                raise ValueError("db must be an object")
            req = dict((k, v) for k, v in req.items() if k != "db")
            raw = None
        check_request(self, req)
        postgres = req.get("postgres")
        if postgres is not None:
            req, raw = self.fresh_database(req, postgres, started)
            if "status" in req:
                return dict([("op", "result"), ("id", case_id)] + list(req.items()))
        if kind == "http":
            self.prepare_http()
        stub = None
        if isinstance(req.get("stub"), dict) and kind in ("call", "expr", "run"):
            req, raw, stub = self.start_stub(req, limits)
        if raw is None:
            raw = _dumps(req).encode("ascii")
        case_dir = self.make_case_dir(case_id, req.get("files") or {})
        stub_log = None
        try:
            sup = Supervisor(self, req, raw, kind, limits, case_dir)
            resp = sup.run()
            resp["files"] = read_report_files(case_dir, req.get("report_files") or [])
            if db is not None:
                self.reap_strays()  # no escaped process of the learner's still writes to the file
                if postgres is not None and not db.get("file"):
                    resp["db"] = self.postgres.read(db, limits)
                else:
                    resp["db"] = read_database(case_dir, db, limits)
        finally:
            if stub is not None:
                stub_log = stub.stop()
            self.reap_strays()  # first, so that no escaped process writes into it once emptied
            self.clean_scratch()
        if stub_log is not None:
            resp["stub"] = stub_log
        resp = dict([("op", "result"), ("id", case_id)] + list(resp.items()))
        resp["elapsed_ms"] = sup.elapsed_ms
        return resp

    def load_error_result(self, case_id, kind, started):
        # Running a file that does not compile raises its SyntaxError: no code runs.
        resp = {"op": "result", "id": case_id, "status": "raised", "exception": self.load_error,
                "stdout": "", "stderr": "", "stdout_truncated": False, "stderr_truncated": False,
                "files": {}}
        if kind == "run":
            resp["exit_code"] = 1
            resp["stderr"] = (self.load_error.get("traceback") or "") + "\n"
        resp["elapsed_ms"] = int(round((time.monotonic() - started) * 1000))
        return resp

    def fresh_database(self, req, postgres, started):
        """A fresh database for the case, and its URL in the case's DATABASE_URL; or, when the server
        cannot give one, the case's harness-error result in place of the request."""
        if not isinstance(postgres, dict):
            raise ValueError("postgres must be an object")
        if self.postgres is None:
            raise ValueError("this case needs PostgreSQL, and the server was never started")
        problem = self.postgres.reset(str(postgres.get("setup") or ""))
        if problem is not None:
            return {"status": "harness-error", "exception": {
                "type": "PostgresError", "mro": [], "message": problem, "line": None, "file": None,
                "text": None, "offset": None, "traceback": problem},
                "stdout": "", "stderr": "", "stdout_truncated": False, "stderr_truncated": False, "files": {},
                "elapsed_ms": int(round((time.monotonic() - started) * 1000))}, None
        req = dict((k, v) for k, v in req.items() if k != "postgres")
        env = dict(req.get("env") or {})
        env["DATABASE_URL"] = self.postgres.url
        req["env"] = env
        return req, None

    def start_stub(self, req, limits):
        """Serves the case's stub API from this process (stubhttp.py) and hands its base URL to the
        learner's code in the environment variable the spec names."""
        if not self.stub_ready:
            _prepare_stub()  # before learner code, as prepare_http, and then in every child
            self.stub_ready = True
            self.retire_child()
            self.generation += 1
            self.pristine_modules = dict(sys.modules)
            _freeze()
        # the child is forked now, before the stub's thread exists: forking a process with a
        # running thread copies whatever that thread had locked
        self.child_for(limits)
        stub = StubServer(req["stub"], limits["wall_s"])
        url = stub.start()
        req = dict(req)
        env = dict(req.get("env") or {})
        env[str(req["stub"].get("env") or "SPROUT_API_URL")] = url
        req["env"] = env
        return req, _dumps(req).encode("ascii"), stub

    def prepare_http(self):
        # Imported here, before any learner code, so a learner's http.py cannot shadow them,
        # and kept in the pristine modules so Flask/Werkzeug share them.
        if not self.http_ready:
            import http.client  # noqa: F401
            import http.cookies  # noqa: F401
            import email.utils  # noqa: F401
            import socket  # noqa: F401
            import socketserver  # noqa: F401
            import threading  # noqa: F401
            import urllib.parse  # noqa: F401
            import wsgiref.simple_server  # noqa: F401
            import traceback  # noqa: F401
            self.retire_child()
            self.generation += 1
            self.pristine_modules = dict(sys.modules)
            self.http_ready = True
            _freeze()


def _decode_source(raw, filename):
    """Decodes like the interpreter does for a file: PEP 263 cookie or BOM, else strict UTF-8."""
    first = raw.find(b"\n")
    second = raw.find(b"\n", first + 1) if first >= 0 else -1
    head = raw[:second] if second >= 0 else raw[:4096]  # where a PEP 263 cookie may be
    if b"coding" in head:
        import tokenize
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        except SyntaxError as e:
            e.filename = filename
            raise
    elif raw.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        byte = "'\\x%02x'" % raw[e.start]
        if encoding in ("utf-8", "utf-8-sig"):
            message = ("Non-UTF-8 code starting with %s in file %s on line %d, but no encoding "
                       "declared; see https://peps.python.org/pep-0263/ for details" % (byte, filename, line))
        else:
            message = "'%s' codec can't decode byte %s in line %d" % (encoding, byte, line)
        err = SyntaxError(message)
        err.filename = filename
        err.lineno = line
        err.offset = None
        err.text = None
        raise err
    except LookupError as e:
        err = SyntaxError("unknown encoding: %s" % encoding)
        err.filename, err.lineno = filename, 1
        raise err from e
