"""sprout's Python harness: runs a learner's exercise file case by case for the JVM.

Started once per submission as ``python3 -I -B harness.py SOURCE_DIR SCRATCH_DIR`` and driven
over JSON lines on stdin/stdout; docs/harness-protocol.md is the contract. Learner code never
runs in this process: cases run in a forked child whose channel to the JVM is closed first. One
child serves case after case, each from a fresh state (a fresh module, restored builtins and
sys.modules, stdio on new pipes, a fresh case folder); a child that ends abnormally, or whose
case may have changed process-wide state, is replaced by a fresh fork. Expected values never
reach this file; it only reports.

Python 3.8+ and the standard library only. Start-up is paid once per submission, so this module
imports only what every run needs; the rest loads on first use (``_M``).
"""

import builtins
import gc
import io
import math
import os
import sys
import time

PROTOCOL = 1
MAX_DEPTH = 50
MAX_ELEMENTS = 10000
REPR_CAP = 1000
REPORT_FILE_CAP = 1 << 20
SIDE_CAP = 1 << 20
RESULT_FD = 3  # in the child
SIDE_FD = 4  # in the child: faulthandler dumps
CONTROL_FD = 5  # in the child: the socket to the harness (cases in, "done" out)
DEFAULT_LIMITS = {"cpu_s": 2, "wall_s": 5, "memory_bytes": 512 << 20, "output_bytes": 1 << 20,
                  "file_bytes": 16 << 20, "nproc": 64}
# A child's hard CPU limit is this many times a case's allowance (plus 2 s): it serves cases
# until its CPU time would pass that, then a fresh child takes over.
CHILD_CPU_CASES = 3
# A child whose address space grew by more than this over a case is replaced.
CHILD_GROWTH_CAP = 64 << 20
# A returned value with more text than this (all its str and bytes) is reported as `other`.
VALUE_TEXT_CAP = 4 << 20
# Source files up to this size are read once at load and written into each case folder from
# memory (a learner cannot change what later cases start from); larger ones are copied.
SNAPSHOT_FILE_CAP = 1 << 20
# Preformatted so the child can still report when memory is exhausted.
MEMORY_FALLBACK = b'{"status":"memory-limit","exception":{"type":"MemoryError","mro":["MemoryError",' \
                  b'"Exception","BaseException"],"message":"","line":null,"file":null,"text":null,' \
                  b'"offset":null,"traceback":"MemoryError"}}\n'
# Signals the harness ignores so learner code cannot stop it with kill(getppid(), ...);
# the JVM ends the harness by closing its stdin, sending "bye", or SIGKILL.
IGNORED_SIGNAL_NAMES = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGTSTP",
                        "SIGTTIN", "SIGTTOU", "SIGVTALRM", "SIGPROF", "SIGXCPU", "SIGPIPE")
# The harness asks a child for its learner's stack with this signal just before a wall timeout.
DUMP_SIGNAL_NAME = "SIGUSR2"

# Audit events after which a child serves no further case: process-wide changes a fresh module
# namespace cannot undo (docs/harness-protocol.md, "One child, many cases").
RETIRING_EVENTS = {
    "os.fork": "started a process", "os.forkpty": "started a process",
    "os.posix_spawn": "started a process", "os.system": "started a process",
    "os.exec": "replaced its process", "subprocess.Popen": "started a process",
    "sys.addaudithook": "added an audit hook", "resource.setrlimit": "changed a resource limit",
    "resource.prlimit": "changed a resource limit", "sys.setprofile": "set a profiler",
    "sys.settrace": "set a tracer", "sys.monitoring.register_callback": "set a monitoring callback",
    "syslog.openlog": "opened syslog", "socket.sethostname": "changed the host name",
    "gc.get_objects": "inspected the harness's objects", "gc.get_referrers": "inspected the harness's objects",
    "gc.get_referents": "inspected the harness's objects", "sys._current_frames": "inspected other threads",
}
# Importing these (never imported by the harness itself) retires the child too.
RETIRING_IMPORTS = frozenset(("ctypes", "_ctypes", "cffi", "_cffi_backend", "_posixsubprocess", "multiprocessing",
                              "_multiprocessing", "_posixshmem", "_xxsubinterpreters", "_interpreters",
                              "_xxinterpchannels", "_interpchannels", "_interpqueues"))
# sys attributes the harness sets per case (or that the interpreter sets): restored, not compared.
SYS_VOLATILE = ("stdin", "stdout", "stderr", "__stdin__", "__stdout__", "__stderr__", "argv", "last_type",
                "last_value", "last_traceback", "last_exc", "ps1", "ps2", "tracebacklimit")


class _Modules(object):
    """Modules the harness loads on first use. Each is looked up once and kept here, so later
    uses never go through sys.modules (which learner code can change)."""

    def __getattr__(self, name):
        module = __import__(name)
        for part in name.split(".")[1:]:
            module = getattr(module, part)
        setattr(self, name, module)
        return module


_M = _Modules()


# ---- JSON without importing json (and with it re and enum: a third of start-up) -----------------

class _JsonContext(object):
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}.__getitem__
    memo = None


def _no_default(o):
    raise TypeError("Object of type %s is not JSON serializable" % type(o).__name__)


_json_codec = []


def _codec():
    if not _json_codec:
        try:
            import _json
            scan = _json.make_scanner(_JsonContext())
            encode = _json.make_encoder(None, _no_default, _json.encode_basestring_ascii, None, ":", ",",
                                        False, False, False)
            if "".join(encode({"a": [1, 2.5, None, True, "\u00e9"]}, 0)) != '{"a":[1,2.5,null,true,"\\u00e9"]}':
                raise ValueError("unexpected _json behaviour")
            _json_codec.extend((scan, encode))
        except Exception:
            _json_codec.extend((None, None))
    return _json_codec


def _loads(text):
    scan = _codec()[0]
    if scan is None:
        import json
        return json.loads(text)
    text = text.strip(" \t\r\n")
    try:
        obj, end = scan(text, 0)
    except StopIteration as e:
        raise ValueError("Expecting value: line 1 column %d (char %d)" % (e.value + 1, e.value))
    except ValueError:
        raise
    except Exception as e:  # the C scanner's own error type, whatever it is
        raise ValueError(str(e))
    if end != len(text):
        raise ValueError("Extra data: line 1 column %d (char %d)" % (end + 1, end))
    return obj


def _dumps(obj):
    """JSON text like json.dumps(obj, ensure_ascii=True, allow_nan=False, separators=(",", ":"))."""
    encode = _codec()[1]
    if encode is None:
        import json
        return json.dumps(obj, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    return "".join(encode(obj, 0))


class Harness(object):
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
                    if op == "hello":
                        resp = self.hello(req)
                    elif op == "load":
                        resp = self.load(req)
                    elif op == "facts":
                        resp = self.facts(req)
                    elif op == "preload":
                        resp = self.preload(req)
                    elif op == "case":
                        resp = self.case(req, line)
                    else:
                        resp = {"op": "error", "message": "unknown op %r" % (op,)}
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
            if self.libc is not None:
                for pid in _children():  # orphans re-parented to us (cases killed theirs already)
                    try:
                        os.kill(pid, _M._signal.SIGKILL)
                    except OSError:
                        pass

    def prefork(self, limits):
        """Forks the first child right after load, while the JVM prepares the first case."""
        merged = dict(DEFAULT_LIMITS)
        if isinstance(limits, dict):
            merged.update({k: v for k, v in limits.items() if v is not None})
        try:
            self.child_for(merged)
        except Exception:
            self.retire_child()

    # ---- simple ops --------------------------------------------------------------------------

    def hello(self, req=None):
        resp = {"op": "ready", "protocol": PROTOCOL,
                "python": "%d.%d.%d" % sys.version_info[:3],
                "implementation": sys.implementation.name, "executable": sys.executable,
                "pid": os.getpid()}
        if req and req.get("code") and _MODULE_CODE:
            # This file compiled, for later harnesses of the same interpreter to start without
            # compiling it again (docs/harness-protocol.md, "Start-up"). Sent before any learner
            # code exists in this sandbox.
            import marshal
            import binascii
            resp["code"] = binascii.b2a_base64(marshal.dumps(_MODULE_CODE[0]), newline=False).decode("ascii")
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
        self.snapshot_source()
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

    def snapshot_source(self):
        """Reads SOURCE_DIR once: case folders are written from this, not copied from disk."""
        files, dirs = [], []

        def walk(rel):
            path = os.path.join(self.source_dir, rel) if rel else self.source_dir
            try:
                entries = sorted(os.scandir(path), key=lambda e: e.name)
            except OSError:
                return
            for entry in entries:
                if entry.name == "__pycache__":
                    continue
                sub = os.path.join(rel, entry.name) if rel else entry.name
                try:
                    if entry.is_dir():
                        dirs.append(sub)
                        walk(sub)
                    elif entry.is_file():
                        data = None
                        if entry.stat().st_size <= SNAPSHOT_FILE_CAP:
                            with open(entry.path, "rb") as f:
                                data = f.read(SNAPSHOT_FILE_CAP + 1)
                            if len(data) > SNAPSHOT_FILE_CAP:
                                data = None
                        files.append((sub, data))
                except OSError:
                    pass

        walk("")
        self.files, self.dirs = files, dirs

    def facts(self, req):
        entry = req.get("entry") or self.entry
        if not entry:
            raise ValueError("no file loaded")
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
        for name in req.get("modules") or []:
            top = str(name).split(".")[0]
            if os.path.exists(os.path.join(self.source_dir, top + ".py")) or \
                    os.path.isdir(os.path.join(self.source_dir, top)):
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

    # ---- a case ------------------------------------------------------------------------------

    def case(self, req, raw=None):
        case_id = req.get("id")
        kind = req.get("kind")
        if kind not in ("call", "expr", "run", "http"):
            raise ValueError("unknown case kind %r" % (kind,))
        if self.entry is None:
            raise ValueError("no file loaded")
        limits = dict(DEFAULT_LIMITS)
        limits.update({k: v for k, v in (req.get("limits") or {}).items() if v is not None})
        started = time.monotonic()
        if self.code is None:
            return self.load_error_result(case_id, kind, started)
        # Inputs are decoded and checked here, so a bad request is a harness-error rather than
        # something that looks like the learner's exception; the child decodes its own copy.
        decode_inputs(req, kind)
        if kind == "http":
            self.prepare_http()
        if raw is None:
            raw = _dumps(req).encode("ascii")
        case_dir = self.make_case_dir(case_id, req.get("files") or {})
        try:
            sup = Supervisor(self, req, raw, kind, limits, case_dir)
            resp = sup.run()
            resp["files"] = read_report_files(case_dir, req.get("report_files") or [])
        finally:
            self.reap_strays()  # first, so that no escaped process writes into it once emptied
            self.clean_scratch()
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

    def prepare_http(self):
        # Imported here, before any learner code, so a learner's http.py cannot shadow them,
        # and kept in the pristine modules so Flask/Werkzeug share them.
        if not self.http_ready:
            import http.client  # noqa: F401
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

    def make_case_dir(self, case_id, files):
        self.seq += 1
        safe = "".join(c if c.isascii() and (c.isalnum() or c in "_.-") else "_" for c in str(case_id))[:40]
        case_dir = os.path.join(self.scratch_dir, "case-" + (safe or "case"))
        if os.path.lexists(case_dir):
            case_dir = "%s-%d" % (case_dir, self.seq)
            _remove_tree(case_dir)
        os.mkdir(case_dir)
        if self.files is None:
            self.snapshot_source()
        for rel in self.dirs:
            os.mkdir(os.path.join(case_dir, rel))
        for rel, data in self.files:
            path = os.path.join(case_dir, rel)
            if data is None:
                _copy_file(os.path.join(self.source_dir, rel), path)
            else:
                _write_file(path, data)
        for name, text in files.items():
            if not _is_relative_inside(name):
                raise ValueError("case file %r must be a relative path inside the case dir" % name)
            path = os.path.join(case_dir, name)
            parent = os.path.dirname(path)
            if not os.path.isdir(parent):
                os.makedirs(parent)
            if os.path.lexists(path) and not os.path.isfile(path):
                _remove_tree(path)
            _write_file(path, (text if isinstance(text, str) else _dumps(text)).encode("utf-8", "surrogatepass"))
        return case_dir

    def clean_scratch(self):
        """Removes the case folder and anything else a case left in SCRATCH_DIR (its TMPDIR)."""
        try:
            names = os.listdir(self.scratch_dir)
        except OSError:
            return
        for name in names:
            _remove_tree(os.path.join(self.scratch_dir, name))

    # ---- children ----------------------------------------------------------------------------

    def child_for(self, limits):
        """The child to run the next case in: the current one if it may serve it, else a fresh one."""
        key = (int(limits["memory_bytes"]), int(limits["file_bytes"]), int(limits["nproc"]))
        cpu_s = _cpu_allowance(limits)
        c = self.child
        if c is not None:
            if c.exited() or c.key != key or c.generation != self.generation or not c.can_afford(cpu_s):
                self.retire_child()
                c = None
        if c is None:
            c = self.spawn_child(key, cpu_s)
        return c

    def spawn_child(self, key, cpu_s):
        sock_mod = _M._socket
        if self.nproc_baseline is None:
            self.nproc_baseline = _count_user_tasks() if key[2] > 0 else 0
        cpu_hard = cpu_s * CHILD_CPU_CASES + 2 if self.reuse else cpu_s + 1
        # What the child compares its shared modules with after each case, taken here rather than
        # in each child: copying them in a fresh fork faults in page after page. Kept while this
        # generation's modules still match it (comparing is far cheaper than copying).
        shared = self.shared
        if shared is None or shared[0] != self.generation or not _snapshot_holds(shared[1], shared[2]):
            self.shared = (self.generation,) + _snapshot_shared(self.pristine_modules)
        if self.null_stdio is None:
            # the streams a child's std streams are between cases (on its fds 0 and 1, which it
            # points at /dev/null), made once here rather than in every child
            self.null_stdio = (
                io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "rb", closefd=False)), encoding="utf-8"),
                io.TextIOWrapper(io.FileIO(1, "wb", closefd=False), encoding="utf-8", write_through=True))
        if self.libc is None and not self.subreaper_tried:
            # before the first fork (not while the child sets itself up: importing _ctypes then
            # copies page after page shared with it, for no gain), so the child also inherits
            # non-dumpable and has libc for its PR_SET_PDEATHSIG
            self.subreaper_tried = True
            self.libc = _become_subreaper(False)
        ours, theirs = sock_mod.socketpair(sock_mod.AF_UNIX, sock_mod.SOCK_STREAM)
        pid = os.fork()
        if pid == 0:
            # The child never returns into the harness loop, whatever happens.
            try:
                try:
                    ours.close()
                    server = ChildServer(self, theirs.detach(), key, cpu_hard)
                    server.serve()
                except BaseException:
                    pass
            finally:
                os._exit(70)
        theirs.close()
        try:
            os.setpgid(pid, pid)
        except OSError:
            pass
        ours.settimeout(10.0)  # only sends wait on it; a child that stops reading is killed
        self.child = ChildHandle(pid, ours, key, self.generation, cpu_hard)
        return self.child

    def retire_child(self):
        c = self.child
        self.child = None
        if c is not None:
            c.kill()

    def reap_strays(self, budget_s=2.0):
        """Reaps zombies; as a subreaper (docs/harness-protocol.md), also kills the learner's
        daemons that escaped their group and were re-parented to the harness, round after round
        until a round finds none (a chain of daemons keeps forking while it is killed), within
        budget_s. The serving child is spared."""
        keep = self.child.pid if self.child is not None else None
        deadline = time.monotonic() + budget_s
        while True:
            killed = False
            if self.libc is not None:
                for pid in _children():
                    if pid != keep:
                        killed = True
                        try:
                            os.kill(pid, _M._signal.SIGKILL)
                        except OSError:
                            pass
            reaped = False
            while True:
                try:
                    pid, status = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    break
                except InterruptedError:
                    continue
                if pid == 0:
                    break
                if pid == keep:  # the serving child died between cases: it is replaced next time
                    self.child.status = (status, None)
                reaped = True
            if not (killed or reaped) or time.monotonic() > deadline:
                return
            if killed and not reaped:
                time.sleep(0.001)  # SIGKILL is asynchronous: give the dying a moment to become zombies


class ChildHandle(object):
    """The harness's side of a child that serves cases."""

    def __init__(self, pid, sock, key, generation, cpu_hard):
        self.pid = pid
        self.sock = sock
        self.key = key
        self.generation = generation
        self.cpu_hard = cpu_hard
        self.cpu_used = 0.0  # the child's CPU time when it last finished a case
        self.cases = 0
        self.status = None  # (wait status, rusage) once reaped
        self.buffer = b""

    def can_afford(self, cpu_s):
        return int(math.ceil(self.cpu_used)) + cpu_s + 1 <= self.cpu_hard

    def exited(self):
        return self.status is not None or _peek_exit(self.pid)

    def send(self, data, fds):
        sock_mod = _M._socket
        fd_bytes = b"".join(int(fd).to_bytes(4, sys.byteorder, signed=True) for fd in fds)
        n = self.sock.sendmsg([data], [(sock_mod.SOL_SOCKET, sock_mod.SCM_RIGHTS, fd_bytes)])
        if n < len(data):
            self.sock.sendall(data[n:])

    def reap(self):
        if self.status is None:
            try:
                self.status = _reap(self.pid)
            except ChildProcessError:
                self.status = (0, None)
        return self.status

    def kill(self):
        if self.status is None:
            _kill_group(self.pid)
            self.reap()
        try:
            self.sock.close()
        except OSError:
            pass


def _snapshot_shared(modules):
    """Each shared module's namespace, and the namespace of each class defined in it that could
    be changed (a heap type, not immutable): class attributes set from learner code raise no
    audit event in every Python version. Compared after every case (ChildServer.polluted)."""
    module_snapshots, class_snapshots = [], []
    for name, module in modules.items():
        d = getattr(module, "__dict__", None)
        if not isinstance(d, dict) or name == "sys":
            continue
        module_snapshots.append((name, d, dict(d)))
        for value in list(d.values()):
            if isinstance(value, type) and value.__flags__ & (1 << 9) and not value.__flags__ & (1 << 8) \
                    and type.__dict__["__module__"].__get__(value) == name:
                class_snapshots.append((value, dict(value.__dict__)))
    return module_snapshots, class_snapshots


def _snapshot_holds(module_snapshots, class_snapshots):
    """Whether every namespace still equals its snapshot (False too when a changed value's
    __eq__ fails: an array's, say)."""
    try:
        for _name, d, snapshot in module_snapshots:
            if d != snapshot:
                return False
        for cls, snapshot in class_snapshots:
            if cls.__dict__ != snapshot:
                return False
    except Exception:
        return False
    return True


def _cpu_allowance(limits):
    return max(1, int(math.ceil(float(limits["cpu_s"]))))


class Supervisor(object):
    """One case, from the harness's side: hand it to a child with new pipes, feed and read them,
    enforce the wall and output limits, and explain how the case ended."""

    def __init__(self, harness, req, raw, kind, limits, case_dir):
        self.h = harness
        self.req = req
        self.raw = raw
        self.kind = kind
        self.limits = limits
        self.case_dir = case_dir
        self.started = None
        self.elapsed_ms = 0
        self.open_fds = set()
        self.cpu_s = _cpu_allowance(limits)
        self.wall_s = float(limits["wall_s"])
        self.out_cap = int(limits["output_bytes"])
        self.child = None
        self.done = None  # the child's "done" message: the case ended and the child lives on
        self.in_probe = None  # our copy of the stdin pipe's read end, to see what was left unread
        self.stdin_len = 0
        self.fed_all = False

    def run(self):
        stdin_data = self.req.get("stdin") or ""
        stdin_data = stdin_data.encode("utf-8", "surrogateescape") if isinstance(stdin_data, str) else b""
        self.stdin_len = len(stdin_data)
        try:
            in_r, in_w = self.pipe()
            self.in_probe = os.dup(in_r)
            self.open_fds.add(self.in_probe)
            out_r, out_w = self.pipe()
            err_r, err_w = self.pipe()
            res_r, res_w = self.pipe()
            side_r, side_w = self.pipe()
            for fd in (in_w, out_r, err_r, res_r, side_r):
                os.set_blocking(fd, False)
            self.h.seq += 1
            self.seq = self.h.seq
            header = _dumps({"seq": self.seq, "dir": self.case_dir}).encode("ascii")
            payload = header + b"\n" + self.raw + b"\n"
            for attempt in (1, 2):
                self.child = self.h.child_for(self.limits)
                self.started = time.monotonic()
                try:
                    self.child.send(payload, (in_r, out_w, err_w, res_w, side_w))
                    break
                except OSError:
                    # it died (or stopped reading) between cases: that is no fault of this case
                    self.h.retire_child()
                    if attempt == 2:
                        raise
            self.child.cases += 1
            for fd in (in_r, out_w, err_w, res_w, side_w):
                self.close(fd)
            return self.supervise(stdin_data, in_w, out_r, err_r, res_r, side_r)
        finally:
            for fd in list(self.open_fds):
                self.close(fd)

    def pipe(self):
        r, w = os.pipe()
        self.open_fds.update((r, w))
        return r, w

    def close(self, fd):
        if fd in self.open_fds:
            self.open_fds.discard(fd)
            _close_quietly(fd)

    def supervise(self, stdin_data, in_w, out_r, err_r, res_r, side_r):
        select = _M.select
        c = self.child
        bufs = {out_r: bytearray(), err_r: bytearray(), res_r: bytearray(), side_r: bytearray()}
        caps = {out_r: self.out_cap, err_r: self.out_cap, res_r: max(64 << 20, self.out_cap * 4),
                side_r: SIDE_CAP}
        over = {out_r: False, err_r: False, res_r: False, side_r: False}
        stdin_view = memoryview(stdin_data)
        poller = select.poll()
        reason = None
        exited = False
        ctl = c.sock.fileno()
        wake_r = self.h.wake_r
        stdin_view = _feed(in_w, stdin_view)
        if stdin_view:
            poller.register(in_w, select.POLLOUT)
        else:
            self.close(in_w)
        for fd in (out_r, err_r, res_r, side_r, ctl):
            poller.register(fd, select.POLLIN)
        if wake_r is not None:
            poller.register(wake_r, select.POLLIN)
        deadline = self.started + self.wall_s
        dump_at = self.started + max(self.wall_s - 0.2, 0.05)
        dumped = False
        while self.done is None:
            if _peek_exit(c.pid):
                exited = True
                break
            now = time.monotonic()
            if now >= deadline:
                reason = "timeout"
                break
            if not dumped and now >= dump_at:
                dumped = True
                try:  # the child's faulthandler writes the learner's stack to fd 4
                    os.kill(c.pid, getattr(_M._signal, DUMP_SIGNAL_NAME))
                except OSError:
                    pass
            until = deadline if dumped else dump_at
            for fd, _event in poller.poll(max(0, min(until - now, 1.0)) * 1000 + 1):
                if fd == wake_r:
                    _drain(wake_r)
                elif fd == in_w:
                    try:
                        stdin_view = _feed(in_w, stdin_view)
                    except OSError:
                        stdin_view = memoryview(b"")
                    if not stdin_view:
                        poller.unregister(in_w)
                        self.close(in_w)
                elif fd == ctl:
                    if not self.read_control(poller):
                        poller.unregister(ctl)
                elif fd in bufs:
                    if _read_into(fd, bufs[fd], caps[fd], over, poller) and (over[out_r] or over[err_r]):
                        reason = "output-limit"
            if reason is not None:
                break
        status = rusage = None
        if self.done is not None:
            self.elapsed_ms = int(round((time.monotonic() - self.started) * 1000))
            for fd in (out_r, err_r, res_r, side_r):
                _drain_into(fd, bufs[fd], caps[fd], over)
            if over[out_r] or over[err_r]:
                reason = "output-limit"
        else:
            _kill_group(c.pid)
            status, rusage = c.reap()
            self.elapsed_ms = int(round((time.monotonic() - self.started) * 1000))
            for fd in (out_r, err_r, res_r, side_r):
                _drain_into(fd, bufs[fd], caps[fd], over)
        if (over[out_r] or over[err_r]) and reason is None:
            reason = "output-limit"
        self.fed_all = not stdin_view
        out = self.explain(reason, status, rusage, bufs, over, out_r, err_r, res_r, side_r)
        retire = None
        if self.done is None:
            retire = reason or ("exited" if exited else "ended")
        elif reason is not None:
            retire = reason
        elif self.done.get("retire"):
            retire = self.done["retire"]
        elif out["status"] in ("no-result", "memory-limit", "harness-error"):
            retire = out["status"]
        elif not self.h.reuse:
            retire = "one case per child"
        if self.done is not None:
            c.cpu_used = float(self.done.get("cpu") or 0.0)
        if retire is not None and self.h.child is c:
            self.h.retire_child()
        elif retire is not None:
            c.kill()
        out["child"] = {"pid": c.pid, "case": c.cases, "retired": retire}
        return out

    def read_control(self, poller):
        """Reads the child's "done" line; False once the socket is closed."""
        c = self.child
        try:
            data = c.sock.recv(4096)
        except (BlockingIOError, InterruptedError):
            return True
        except OSError:
            return False
        if not data:
            return False
        c.buffer += data
        while b"\n" in c.buffer:
            line, c.buffer = c.buffer.split(b"\n", 1)
            try:
                msg = _loads(line.decode("ascii", "replace"))
            except ValueError:
                continue
            if isinstance(msg, dict) and msg.get("done") == self.seq:
                self.done = msg
        return True

    def explain(self, reason, status, rusage, bufs, over, out_r, err_r, res_r, side_r):
        out = {"status": None}
        result = _parse_result(bytes(bufs[res_r]))
        if reason is not None:
            out["status"] = reason
        elif result is not None:
            out.update(result)
        elif status is not None and os.WIFSIGNALED(status):
            signal = _M._signal
            sig = os.WTERMSIG(status)
            cpu = rusage.ru_utime + rusage.ru_stime - self.child.cpu_used if rusage is not None else 0.0
            if sig in (getattr(signal, "SIGXCPU", -1), getattr(signal, "SIGPROF", -1)) \
                    or (sig == signal.SIGKILL and cpu >= self.cpu_s - 0.05):
                out["status"] = "cpu-limit"
            elif sig in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT, getattr(signal, "SIGBUS", -1)) \
                    and rusage is not None and _maxrss_bytes(rusage) >= 0.8 * int(self.limits["memory_bytes"]):
                out["status"] = "memory-limit"
            else:
                name = _signal_name(sig)
                out["status"] = "crashed"
                out["exception"] = {"type": name, "mro": [], "message": "killed by signal %s" % name,
                                    "line": None, "file": None, "text": None, "offset": None,
                                    "traceback": "killed by signal %s" % name}
        else:
            out["status"] = "no-result"
            out["exit_code"] = os.WEXITSTATUS(status) if status is not None and os.WIFEXITED(status) else None
        out["stdout"] = bytes(bufs[out_r]).decode("utf-8", "replace")
        out["stderr"] = bytes(bufs[err_r]).decode("utf-8", "replace")
        out["stdout_truncated"] = over[out_r]
        out["stderr_truncated"] = over[err_r]
        if out["status"] in ("timeout", "cpu-limit"):
            where = _where(bytes(bufs[side_r]).decode("utf-8", "replace"), self.h.entry, self.case_dir,
                           self.h.lines)
            if where is not None:
                out["where"] = where
            out["input_unread"] = self.input_unread()
            if rusage is not None:  # busy or waiting: what Java tells the learner depends on it
                out["cpu_ms"] = int(round((rusage.ru_utime + rusage.ru_stime - self.child.cpu_used) * 1000))
        return out

    def input_unread(self):
        """Whether the program read none of its input: all of it, written, is still in the pipe.
        Then other input could not have changed what it did (docs/harness-protocol.md)."""
        if not self.fed_all:
            return False
        if self.stdin_len == 0:
            return True
        try:
            import fcntl  # only for a case that ran out of time: not worth it at start-up
            import termios
            count = bytearray(4)
            fcntl.ioctl(self.in_probe, getattr(termios, "FIONREAD", 0x541B), count)
            return int.from_bytes(bytes(count), sys.byteorder) == self.stdin_len
        except Exception:
            return False


class ChildServer(object):
    """Runs in a forked child: isolates it once, then serves cases until the harness retires it.

    Between cases it restores what a case may change (builtins, sys.modules, sys.path, the import
    caches, os.environ, warnings filters, atexit, gc settings, recursion limit, umask...) and then
    checks, conservatively, that nothing a fresh namespace cannot undo was changed; when something
    was (threads or processes started, signal handlers, timers, resource limits, open files, a
    module the harness shares changed...) it tells the harness, which kills it and forks afresh."""

    def __init__(self, harness, ctl_fd, key, cpu_hard):
        self.h = harness
        self.ctl_fd = ctl_fd
        self.key = key
        self.cpu_hard = cpu_hard
        self.watching = False
        self.flags = []
        self.env_keys = set()
        self.base_modules = dict(harness.pristine_modules)
        self.helpers = {}  # modules the harness imported in this child (traceback...), by name
        self.module_snapshots = []
        self.sock = None
        self.case_dir = None

    # -- once, at fork ---------------------------------------------------------------------------

    def start(self):
        signal = _M._signal
        resource = _M.resource
        try:
            os.setpgid(0, 0)
        except OSError:
            pass
        try:
            signal.set_wakeup_fd(-1)
        except (ValueError, OSError):
            pass
        for sig in _ignored_signals() + [signal.SIGCHLD]:
            try:
                signal.signal(sig, signal.SIG_DFL)
            except (OSError, ValueError):
                pass
        # as in a normal interpreter
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        if self.h.libc is not None:
            try:
                self.h.libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
            except Exception:
                pass
        if self.ctl_fd != CONTROL_FD:
            os.dup2(self.ctl_fd, CONTROL_FD, inheritable=False)
            os.close(self.ctl_fd)
        null = os.open(os.devnull, os.O_RDWR)
        for fd in range(CONTROL_FD):
            if fd != null:
                os.dup2(null, fd, inheritable=fd < RESULT_FD)
        if null > CONTROL_FD:
            os.close(null)
        _close_fds_from(CONTROL_FD + 1)  # the JVM channel and every other harness fd
        self.sock = _M._socket.socket(_M._socket.AF_UNIX, _M._socket.SOCK_STREAM, 0, CONTROL_FD)
        self.ctl_ino = os.fstat(CONTROL_FD).st_ino
        self.null_in, self.null_out = self.h.null_stdio  # on fds 0 and 1, /dev/null from here on
        self.set_stdio(self.null_in, self.null_out, self.null_out)
        memory, file_bytes, nproc = self.key
        for name, soft, hard in (
                ("RLIMIT_CPU", self.cpu_hard - 1, self.cpu_hard),
                ("RLIMIT_AS", memory, None),
                ("RLIMIT_FSIZE", file_bytes, None),
                ("RLIMIT_NPROC", nproc + self.h.nproc_baseline if nproc > 0 else None, None),
                ("RLIMIT_CORE", 0, None)):
            if soft is None or not hasattr(resource, name):
                continue
            _set_rlimit(getattr(resource, name), soft, soft if hard is None else hard)
        self.rlimits = dict((name, resource.getrlimit(getattr(resource, name)))
                            for name in ("RLIMIT_CPU", "RLIMIT_AS", "RLIMIT_FSIZE", "RLIMIT_NPROC", "RLIMIT_CORE")
                            if hasattr(resource, name))
        self.snapshot()
        if self.h.reuse:
            sys.addaudithook(self.audit)
        gc.collect()
        if hasattr(gc, "freeze"):
            gc.freeze()

    def warm_up(self):
        """While no case waits yet: the first comparison of the shared modules touches all their
        values (reference counts), which copies those pages from the harness, and the case's
        own set-up runs for the first time (os.environ, a module's spec). Done now, the first
        case does not wait for that. Skipped when a case is already there (nothing gained)."""
        try:
            if not self.h.reuse or _M.select.select([CONTROL_FD], [], [], 0)[0]:
                return
            _snapshot_holds(self.module_snapshots, self.class_snapshots)
            os.environ.clear()  # the first case clears the harness's environment anyway
            _new_module("__sprout_warm__", os.path.join(self.h.scratch_dir, "warm.py"), True)
        except Exception:
            pass  # only ever a head start

    def snapshot(self):
        """What the state between cases must look like, to restore it and to compare with it."""
        signal = _M._signal
        self.builtins = dict(builtins.__dict__)
        self.sys_volatile = dict((k, sys.__dict__[k]) for k in SYS_VOLATILE if k in sys.__dict__)
        self.meta_path = list(sys.meta_path)
        self.path_hooks = list(sys.path_hooks)
        self.importer_cache = dict(sys.path_importer_cache)
        self.recursion_limit = sys.getrecursionlimit()
        self.int_digits = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else None
        self.switch_interval = sys.getswitchinterval()
        self.umask = os.umask(0o022)
        os.umask(self.umask)
        self.gc_threshold = gc.get_threshold()
        self.gc_callbacks = list(gc.callbacks)
        self.faulthandler_on = _M.faulthandler.is_enabled()
        self.warnings = _M._warnings
        self.warning_filters = list(self.warnings.filters)
        self.atexit = _M.atexit
        self.pgrp = os.getpgrp()
        self.sid = os.getsid(0)
        self.priority = os.getpriority(os.PRIO_PROCESS, 0) if hasattr(os, "getpriority") else None
        self.locale = _locale_now()
        self.sigmask = signal.pthread_sigmask(signal.SIG_BLOCK, []) if hasattr(signal, "pthread_sigmask") else None
        self.signals = []
        for sig in sorted(signal.valid_signals()) if hasattr(signal, "valid_signals") else range(1, 32):
            try:
                self.signals.append((sig, signal.getsignal(sig)))
            except (OSError, ValueError):
                pass
        self.fd_count = _fd_count()
        self.vm_size = _proc_stat()[1]
        self.sys_dict = dict(sys.__dict__)
        # taken by the harness just before the fork (Harness.spawn_child): the same namespaces,
        # without copying them again in every child page by page
        _generation, modules, classes = self.h.shared
        self.module_snapshots = list(modules)
        self.class_snapshots = list(classes)

    def snapshot_modules(self, modules):
        more_modules, more_classes = _snapshot_shared(modules)
        self.module_snapshots.extend(more_modules)
        self.class_snapshots.extend(more_classes)

    def set_stdio(self, stdin, stdout, stderr):
        sys.stdin = sys.__stdin__ = stdin
        sys.stdout = sys.__stdout__ = stdout
        sys.stderr = sys.__stderr__ = stderr

    # -- the loop --------------------------------------------------------------------------------

    def serve(self):
        self.start()
        self.warm_up()
        while True:
            got = self.receive()
            if got is None:
                os._exit(0)
            header, raw, fds = got
            retire = self.serve_case(header, raw, fds)
            try:
                if os.fstat(CONTROL_FD).st_ino != self.ctl_ino:
                    os._exit(0)
                cpu = resource_cpu()
                self.sock.sendall(("%s\n" % _dumps({"done": header.get("seq"), "cpu": cpu,
                                                     "retire": retire})).encode("ascii"))
            except OSError:
                os._exit(0)

    def receive(self):
        """The next case: (header, request bytes, the five fds), or None when the harness is gone."""
        sock_mod = _M._socket
        data = b""
        fds = []
        while data.count(b"\n") < 2:
            try:
                chunk, ancdata, _flags, _addr = self.sock.recvmsg(1 << 16, sock_mod.CMSG_SPACE(8 * 4))
            except InterruptedError:
                continue
            except OSError:
                return None
            for level, kind, payload in ancdata:
                if level == sock_mod.SOL_SOCKET and kind == sock_mod.SCM_RIGHTS:
                    fds.extend(int.from_bytes(payload[i:i + 4], sys.byteorder, signed=True)
                               for i in range(0, len(payload) - len(payload) % 4, 4))
            if not chunk:
                return None
            data += chunk
        header, raw, _rest = data.split(b"\n", 2)
        if len(fds) != 5:
            return None
        return _loads(header.decode("ascii")), raw, fds

    def serve_case(self, header, raw, fds):
        """Runs one case on the received fds; returns why this child must not serve another, or None."""
        for target, fd in enumerate(fds):
            os.dup2(fd, target, inheritable=target < RESULT_FD)
            os.close(fd)
        self.flags = []
        self.env_keys = set()
        self.case_dir = None
        retire = None
        child = None
        try:
            req = _loads(raw.decode("utf-8", "replace"))
            kind = req.get("kind")
            limits = dict(DEFAULT_LIMITS)
            limits.update({k: v for k, v in (req.get("limits") or {}).items() if v is not None})
            self.case_dir = header["dir"]
            child = Child(self.h, req, kind, limits, self.case_dir, decode_inputs(req, kind), None, server=self)
            child.run()
            retire = child.retire
        except BaseException as e:
            retire = "harness error"
            try:
                if child is not None:
                    child.report_harness_error(e)
                else:
                    _write_all(RESULT_FD, ("%s\n" % _dumps({"status": "harness-error",
                                                            "exception": _harness_error(e)})).encode("ascii"))
            except BaseException:
                pass
            e = None
        child = None
        if not self.h.reuse:
            return retire or "one case per child"
        try:
            return self.after_case() or retire
        except BaseException as e:
            return "harness error between cases: %s" % type(e).__name__

    # -- between cases ---------------------------------------------------------------------------

    def after_case(self):
        signal = _M._signal
        if hasattr(signal, "ITIMER_PROF"):
            signal.setitimer(signal.ITIMER_PROF, 0)  # the case's CPU allowance
        null = os.open(os.devnull, os.O_RDWR)
        for fd in range(CONTROL_FD):
            os.dup2(null, fd, inheritable=fd < RESULT_FD)
        os.close(null)
        self.set_stdio(self.null_in, self.null_out, self.null_out)
        self.restore()
        gc.collect()  # the case's objects, and their finalizers, go now (output: /dev/null)
        self.watching = False
        return self.polluted()

    def restore(self):
        signal = _M._signal
        _restore_dict(builtins.__dict__, self.builtins)
        _restore_dict(sys.modules, self.base_modules)
        for key in SYS_VOLATILE:
            if key in self.sys_volatile:
                sys.__dict__[key] = self.sys_volatile[key]
            else:
                sys.__dict__.pop(key, None)
        sys.path[:] = self.h.pristine_path
        sys.meta_path[:] = self.meta_path
        sys.path_hooks[:] = self.path_hooks
        _restore_dict(sys.path_importer_cache, self.importer_cache)
        if sys.getrecursionlimit() != self.recursion_limit:
            sys.setrecursionlimit(self.recursion_limit)
        if self.int_digits is not None and sys.get_int_max_str_digits() != self.int_digits:
            sys.set_int_max_str_digits(self.int_digits)
        if sys.getswitchinterval() != self.switch_interval:
            sys.setswitchinterval(self.switch_interval)
        if os.environ:  # clear() is a Python loop even when there is nothing to clear
            os.environ.clear()
        for key in self.env_keys:
            try:
                os.unsetenv(key)
            except (OSError, ValueError, TypeError):
                pass
        os.umask(self.umask)
        self.atexit._clear()
        if self.warnings.filters != self.warning_filters:
            self.warnings.filters[:] = self.warning_filters
            self.warnings._filters_mutated()
        if not gc.isenabled():
            gc.enable()
        if gc.get_threshold() != self.gc_threshold:
            gc.set_threshold(*self.gc_threshold)
        if gc.callbacks != self.gc_callbacks:
            gc.callbacks[:] = self.gc_callbacks
        if _M.faulthandler.is_enabled() != self.faulthandler_on:
            if self.faulthandler_on:
                _M.faulthandler.enable()
            else:
                _M.faulthandler.disable()
        if _M._socket.getdefaulttimeout() is not None:
            _M._socket.setdefaulttimeout(None)
        linecache = self.helpers.get("linecache")
        if linecache is not None:
            linecache.cache.clear()
            self.register_source(linecache)
        try:
            signal.set_wakeup_fd(-1)
        except (ValueError, OSError):
            pass

    def polluted(self):
        """Why this child must not serve another case, or None."""
        signal = _M._signal
        resource = _M.resource
        if self.flags:
            return self.flags[0]
        threads, vm_size = _proc_stat()
        if threads != 1:
            return "left a thread running"
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
            return "started a process"
        except ChildProcessError:
            pass
        if os.getpgrp() != self.pgrp or os.getsid(0) != self.sid:
            return "left its process group"
        if _fd_count() != self.fd_count:
            return "left a file or socket open"
        for sig, handler in self.signals:
            if signal.getsignal(sig) is not handler:
                return "changed the handler of signal %d" % sig
        if hasattr(signal, "pthread_sigmask") and signal.pthread_sigmask(signal.SIG_BLOCK, []) != self.sigmask:
            return "blocked signals"
        if hasattr(signal, "sigpending") and signal.sigpending():
            return "left a signal pending"
        if signal.alarm(0):
            return "set an alarm"
        for which in ("ITIMER_REAL", "ITIMER_VIRTUAL", "ITIMER_PROF"):
            if hasattr(signal, which) and signal.getitimer(getattr(signal, which)) != (0.0, 0.0):
                return "set a timer"
        for name, limits in self.rlimits.items():
            if resource.getrlimit(getattr(resource, name))[1] != limits[1]:
                return "changed a resource limit"
        if sys.modules != self.base_modules:
            return "imported modules between cases"
        # Equality, not identity, for speed (a value replaced by an equal one changes nothing a
        # case can see); keys added or removed, and values replaced, are caught.
        for name, d, snapshot in self.module_snapshots:
            if "__warningregistry__" in d:  # warnings (e.g. an unclosed file's) noted in shared modules
                if "__warningregistry__" in snapshot:
                    d["__warningregistry__"] = snapshot["__warningregistry__"]
                else:
                    del d["__warningregistry__"]
            if d != snapshot:
                return "changed the module %s" % name
        for cls, snapshot in self.class_snapshots:
            if cls.__dict__ != snapshot:
                return "changed the class %s.%s" % (cls.__module__, cls.__qualname__)
        d = sys.__dict__
        if len(d) != len(self.sys_dict):
            return "changed sys"
        for key, value in self.sys_dict.items():
            if d.get(key, d) is not value and key not in SYS_VOLATILE:
                return "changed sys.%s" % key
        if self.priority is not None and os.getpriority(os.PRIO_PROCESS, 0) != self.priority:
            return "changed its priority"
        if _locale_now() != self.locale:
            return "changed the locale"
        if vm_size > self.vm_size + CHILD_GROWTH_CAP:
            return "grew by more than %d MiB" % (CHILD_GROWTH_CAP >> 20)
        return None

    # -- watching learner code -------------------------------------------------------------------

    def audit(self, event, args):
        """An audit hook (sys.addaudithook): notes what learner code did that a fresh namespace
        cannot undo. Must never raise: an exception here would fail the audited operation."""
        if not self.watching:
            return
        try:
            reason = RETIRING_EVENTS.get(event)
            if reason is not None:
                self.flags.append(reason)
            elif event == "os.putenv" or event == "os.unsetenv":
                self.env_keys.add(args[0])
            elif event == "import":
                name = args[0]
                if isinstance(name, str) and (name in RETIRING_IMPORTS or name.split(".")[0] in RETIRING_IMPORTS):
                    self.flags.append("imported %s" % name)
            elif event.startswith("ctypes."):
                self.flags.append("used ctypes")
            elif event == "object.__setattr__" or event == "object.__delattr__":
                obj = args[0]
                if isinstance(obj, type):
                    module = type.__dict__["__module__"].__get__(obj)
                else:
                    module = getattr(obj, "__module__", None) if type(obj).__name__ == "function" else None
                if isinstance(module, str) and module in self.base_modules \
                        and sys.modules.get(module) is self.base_modules[module] and self.learner_on_stack():
                    self.flags.append("changed %s.%s" % (module, getattr(obj, "__name__", "?")))
        except BaseException:
            self.flags.append("confused the audit hook")

    def learner_on_stack(self):
        """Whether learner code is running (rather than the harness, or a module the harness
        uses, setting an attribute of its own): a frame from the learner's files is on the stack."""
        prefix = (self.case_dir or "") + os.sep
        entry = self.h.entry
        frame = sys._getframe(2)
        while frame is not None:
            name = frame.f_code.co_filename
            if name == entry or name.startswith(prefix):
                return True
            frame = frame.f_back
        return False

    def harness_import(self, name):
        """A module the harness needs in the child (traceback...): imported from the harness's own
        modules and path, never the learner's, and kept for later cases."""
        module = self.helpers.get(name)
        if module is not None:
            return module
        learner_modules = dict(sys.modules)
        learner_path = list(sys.path)
        learner_meta = list(sys.meta_path)
        watching, self.watching = self.watching, False
        try:
            _restore_dict(sys.modules, self.base_modules)
            sys.path[:] = self.h.pristine_path
            sys.meta_path[:] = self.meta_path
            module = __import__(name)
            added = dict((k, v) for k, v in sys.modules.items() if k not in self.base_modules)
        finally:
            _restore_dict(sys.modules, learner_modules)
            sys.path[:] = learner_path
            sys.meta_path[:] = learner_meta
            self.watching = watching
        for k, v in added.items():
            self.base_modules[k] = v
            self.helpers[k] = v
        self.helpers[name] = module
        if "linecache" in added:
            self.register_source(added["linecache"])
        self.snapshot_modules(added)
        return module

    def register_source(self, linecache):
        if self.h.lines is not None:
            linecache.cache[self.h.entry] = (len(self.h.source), None, self.h.lines, self.h.entry)


class Child(object):
    """One case inside a child process: prepare a fresh interpreter state, run the learner's
    code, report. (The GraalPy worker drives this class too: keep its constructor and
    prepare_interpreter / run_code / memory_exhausted.)"""

    def __init__(self, harness, req, kind, limits, case_dir, inputs, fds, server=None):
        self.h = harness
        self.req = req
        self.kind = kind
        self.limits = limits
        self.case_dir = case_dir
        self.inputs = inputs
        self.fds = fds
        self.server = server
        self.result_fd = RESULT_FD
        self.module = None
        self.stdout = None
        self.stderr = None
        self.retire = None  # why the child must not serve another case
        self.base_modules = server.base_modules if server is not None else None

    def run(self):
        self.attach_stdio()
        os.chdir(self.case_dir)
        self.arm_limits()
        self.prepare_interpreter()
        if self.server is not None:
            self.server.watching = self.h.reuse  # from here on, learner code may run
        try:
            if self.kind == "http":
                result = self.run_http()
            else:
                result = self.run_code()
        except MemoryError as e:
            result = self.memory_exhausted(e)
            e = None
        self.finish(result)

    def report_harness_error(self, e):
        try:
            traceback = self.helper("traceback")
        except Exception:
            traceback = None
        data = ("%s\n" % _dumps({"status": "harness-error", "exception": _harness_error(e, traceback)})).encode("ascii")
        _write_all(self.result_fd, data)

    def helper(self, name):
        if self.server is not None:
            return self.server.harness_import(name)
        return __import__(name)

    # -- setting up ----------------------------------------------------------------------------

    def attach_stdio(self):
        stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "rb", closefd=False)), encoding="utf-8",
                                 errors="replace")
        self.stdout = io.TextIOWrapper(io.FileIO(1, "wb", closefd=False), encoding="utf-8",
                                       errors="replace", write_through=True)
        self.stderr = io.TextIOWrapper(io.FileIO(2, "wb", closefd=False), encoding="utf-8",
                                       errors="backslashreplace", write_through=True)
        sys.stdin = sys.__stdin__ = stdin
        sys.stdout = sys.__stdout__ = self.stdout
        sys.stderr = sys.__stderr__ = self.stderr

    def arm_limits(self):
        """This case's CPU allowance (the child's other limits are set once, at fork), and the
        faulthandler dumps that say where a timed-out or CPU-bound case was.

        The allowance is an ITIMER_PROF of cpu_s seconds of this process's CPU time (SIGPROF
        then dumps the stack and ends the child), backed by RLIMIT_CPU at the next whole second
        past it (SIGXCPU), which learner code cannot raise beyond the child's hard limit."""
        faulthandler = _M.faulthandler
        signal = _M._signal
        for name, chain in (("SIGXCPU", True), ("SIGPROF", True), (DUMP_SIGNAL_NAME, False)):
            if hasattr(signal, name):
                try:
                    faulthandler.register(getattr(signal, name), file=SIDE_FD, all_threads=True, chain=chain)
                except Exception:
                    pass
        server = self.server
        cpu = _cpu_allowance(self.limits)
        if server is not None:
            soft = min(int(math.ceil(resource_cpu())) + cpu, server.cpu_hard - 1)
            _set_rlimit(_M.resource.RLIMIT_CPU, soft, server.cpu_hard)
        if hasattr(signal, "setitimer") and hasattr(signal, "ITIMER_PROF"):
            signal.setitimer(signal.ITIMER_PROF, cpu)

    def prepare_interpreter(self):
        _restore_dict(sys.modules, self.base_modules if self.base_modules is not None else self.h.pristine_modules)
        sys.path[:] = [self.case_dir] + self.h.pristine_path
        if self.kind == "run":
            sys.argv = [self.h.entry] + [str(a) for a in (self.req.get("argv") or [])]
        else:
            sys.argv = [self.h.entry]
        env = dict((str(k), str(v)) for k, v in (self.req.get("env") or {}).items())
        if os.environ:
            os.environ.clear()
        if env:
            os.environ.update(env)
        name = "__main__" if self.kind == "run" else self.h.module_name
        self.module = _new_module(name, os.path.join(self.case_dir, self.h.entry), name != "__main__")

    # -- running -------------------------------------------------------------------------------

    def exec_module(self):
        sys.modules[self.module.__name__] = self.module
        exec(self.h.code, self.module.__dict__)

    def run_code(self):
        kind = self.kind
        try:
            self.exec_module()
            if kind == "run":
                self.join_threads()
                _run_atexit()
                return {"status": "returned", "exit_code": 0}
            if kind == "call":
                fn = self.attribute(self.req["function"])
                value = fn(*self.inputs["args"], **self.inputs["kwargs"])
            else:
                value = eval(self.inputs["expr"], self.module.__dict__)
        except SystemExit as e:
            code = self.exit_code(e)
            if kind == "run":
                self.join_threads()
                _run_atexit()
                return {"status": "returned", "exit_code": code}
            return {"status": "exited", "exit_code": code}
        except MemoryError:
            raise
        except BaseException as e:
            error = self.describe(e)
            e = None
            if kind == "run":
                self._write_err(error["traceback"] + "\n")
                self.join_threads()
                _run_atexit()
                return {"status": "raised", "exception": error, "exit_code": 1}
            return {"status": "raised", "exception": error}
        return {"status": "returned", "value": encode_value(value, int(self.limits["output_bytes"])),
                "repr": _safe_repr(value)}

    def describe(self, e):
        traceback = self.helper("traceback")
        if self.server is None:
            linecache = self.helper("linecache")
            if self.h.lines is not None and self.h.entry not in linecache.cache:
                linecache.cache[self.h.entry] = (len(self.h.source), None, self.h.lines, self.h.entry)
        return describe_exception(e, self.h.entry, self.case_dir, traceback)

    def attribute(self, name):
        try:
            return self.module.__dict__[name]
        except KeyError:
            pass
        raise AttributeError("module '%s' has no attribute '%s'" % (self.module.__name__, name))

    def exit_code(self, e):
        """The status a shell would see: None is 0, an int n is n & 0xFF, anything else is
        printed to stderr and gives 1."""
        code = e.code
        if code is None:
            return 0
        if isinstance(code, int):
            return int(code) & 0xFF
        self._write_err(_safe_str(code) + "\n")
        return 1

    def _write_err(self, text):
        try:
            sys.stderr.write(text)
            sys.stderr.flush()
        except Exception:
            try:
                self.stderr.write(text)
            except Exception:
                pass

    def join_threads(self):
        threading = sys.modules.get("threading")
        if threading is None:
            return
        try:
            me = threading.current_thread()
            for t in threading.enumerate():
                if t is not me and not t.daemon:
                    t.join()
        except Exception:
            pass

    def run_http(self):
        self.retire = "served http"
        spec = self.req.get("http") or {}
        requests = spec.get("requests") or []
        cap = int(self.limits["output_bytes"])
        if spec.get("program"):
            return self.run_http_program(requests, cap)
        try:
            self.exec_module()
            app = self.attribute(spec.get("app") or "app")
        except SystemExit as e:
            return {"status": "exited", "exit_code": self.exit_code(e)}
        except MemoryError:
            raise
        except BaseException as e:
            return {"status": "raised", "exception": self.describe(e)}
        import threading
        server = _make_wsgi_server(app)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        port = server.server_address[1]
        return {"status": "returned", "responses": [_send_request(port, r, cap) for r in requests]}

    def run_http_program(self, requests, cap):
        """Runs the file as __main__ in the main thread (signals and reloaders work there) while
        a client thread waits for it to listen on $PORT and sends the requests."""
        import socket
        import threading
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        os.environ["PORT"] = str(port)
        self.module = _new_module("__main__", os.path.join(self.case_dir, self.h.entry), False)
        main_done = threading.Event()
        lock = threading.Lock()
        deadline = time.monotonic() + float(self.limits["wall_s"])

        def client():
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    if main_done.is_set() or time.monotonic() > deadline:
                        return
                    time.sleep(0.02)
            result = {"status": "returned", "responses": [_send_request(port, r, cap) for r in requests]}
            if lock.acquire(False):
                self.finish(result)

        t = threading.Thread(target=client, daemon=True)
        t.start()
        try:
            self.exec_module()
            result = None
        except SystemExit as e:
            result = {"status": "exited", "exit_code": self.exit_code(e)}
        except MemoryError:
            raise
        except BaseException as e:
            result = {"status": "raised", "exception": self.describe(e)}
        if result is None:
            self.join_threads_except(t)
        main_done.set()
        t.join()
        if not lock.acquire(False):
            while True:  # the client thread is reporting and will _exit
                time.sleep(1)
        if result is None:
            result = {"status": "no-result", "exit_code": 0,
                      "note": "the program ended without listening on $PORT (%d)" % port}
        return result

    def join_threads_except(self, skip):
        import threading
        me = threading.current_thread()
        for t in threading.enumerate():
            if t is not me and t is not skip and not t.daemon:
                t.join()

    def memory_exhausted(self, e=None):
        """Frees what the learner's code holds, then describes the MemoryError if it can."""
        self.retire = "ran out of memory"
        try:
            self.module.__dict__.clear()
        except Exception:
            pass
        if e is not None:
            try:
                tb = e.__traceback__
                while tb is not None:
                    try:
                        tb.tb_frame.clear()
                    except RuntimeError:
                        pass
                    tb = tb.tb_next
            except Exception:
                pass
        gc.collect()
        if e is None:
            return None
        try:
            return {"status": "memory-limit", "exception": self.describe(e)}
        except MemoryError:
            return None

    # -- reporting -----------------------------------------------------------------------------

    def finish(self, result):
        """Writes the result on fd 3. An http case's child then exits (its server threads would
        outlive the case); otherwise the server takes over."""
        for stream in (sys.stdout, sys.stderr, self.stdout, self.stderr):
            try:
                stream.flush()
            except BaseException:
                pass
        data = None
        if result is not None:
            try:
                data = ("%s\n" % _dumps(result)).encode("ascii")
            except MemoryError:
                self.memory_exhausted()
            except BaseException as e:
                self.retire = "harness error"
                data = ("%s\n" % _dumps({"status": "harness-error", "exception": _harness_error(e)})).encode("ascii")
        if data is None:
            data = MEMORY_FALLBACK
        _write_all(self.result_fd, data)
        if self.kind == "http" or self.server is None:
            os._exit(0)


# ---- values -------------------------------------------------------------------------------------

class _TooBig(Exception):
    pass


def _qualname(cls):
    module = getattr(cls, "__module__", None) or "builtins"
    return "%s.%s" % (module, getattr(cls, "__qualname__", cls.__name__))


def _safe_repr(value):
    try:
        if type(value) in (str, bytes) and len(value) > REPR_CAP:
            value = value[:REPR_CAP]  # the part of a long text that its capped repr shows
        text = repr(value)
        if not isinstance(text, str):
            text = str(type(text))
    except RecursionError:
        text = "<repr failed: RecursionError>"
    except MemoryError:
        raise
    except Exception as e:
        text = "<repr failed: %s>" % type(e).__name__
    if len(text) > REPR_CAP:
        text = text[:REPR_CAP - 3] + "..."
    return text


def _other(value, with_length=False):
    out = {"t": "other", "type": _qualname(type(value)), "repr": _safe_repr(value)}
    if with_length:
        for base in (str, bytes, list, tuple, dict, set, frozenset):
            if isinstance(value, base):
                out["length"] = base.__len__(value)
                break
    return out


def encode_value(value, text_cap=None):
    """The type-tagged JSON of a value. Too deep, too many elements, a str or bytes longer than
    text_cap (the case's output_bytes), or more than VALUE_TEXT_CAP characters of text in all:
    `other`, with the capped repr and the length (a value reaches the JVM like output does)."""
    budget = [MAX_ELEMENTS, VALUE_TEXT_CAP, text_cap if text_cap is not None else VALUE_TEXT_CAP]
    try:
        return _encode(value, 0, budget)
    except (_TooBig, RecursionError):
        return _other(value, True)
    except MemoryError:
        raise
    except Exception:
        return _other(value)


def _int_text(value):
    try:
        return int.__repr__(value)
    except ValueError:  # more digits than sys.get_int_max_str_digits()
        old = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(0)
        try:
            return int.__repr__(value)
        finally:
            sys.set_int_max_str_digits(old)


def _float_value(value):
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


_CONTAINERS = ((list, "list"), (tuple, "tuple"), (set, "set"), (frozenset, "frozenset"))


def _encode(value, depth, budget):
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise _TooBig()
    cls = type(value)
    if value is None:
        return {"t": "none"}
    if cls is bool:
        return {"t": "bool", "v": bool(value)}
    out = None
    if isinstance(value, int) and not isinstance(value, bool):
        out = {"t": "int", "v": _int_text(value)}
    elif isinstance(value, float):
        out = {"t": "float", "v": _float_value(value)}
    elif isinstance(value, complex):
        out = {"t": "complex", "re": _float_value(value.real), "im": _float_value(value.imag)}
    elif isinstance(value, str):
        _spend(budget, str.__len__(value))
        out = {"t": "str", "v": str.__str__(value)}
    elif isinstance(value, bytes):
        _spend(budget, bytes.__len__(value) * 4 // 3)
        out = {"t": "bytes", "v": _M.binascii.b2a_base64(bytes(value), newline=False).decode("ascii")}
    elif isinstance(value, dict):
        items = list(dict.items(value))
        if len(items) > MAX_ELEMENTS:
            raise _TooBig()
        out = {"t": "dict", "v": [[_encode(k, depth + 1, budget), _encode(v, depth + 1, budget)]
                                  for k, v in items]}
    else:
        for base, tag in _CONTAINERS:
            if isinstance(value, base):
                items = list(base.__iter__(value))
                if len(items) > MAX_ELEMENTS:
                    raise _TooBig()
                out = {"t": tag, "v": [_encode(x, depth + 1, budget) for x in items]}
                break
    if out is None:
        return _other(value)
    if cls not in (int, float, complex, str, bytes, dict, list, tuple, set, frozenset):
        out["type"] = _qualname(cls)  # a subclass (IntEnum, namedtuple, Counter…): Java decides
    return out


def _spend(budget, size):
    budget[1] -= size
    if budget[1] < 0 or size > budget[2]:
        raise _TooBig()


def decode_value(v):
    if not isinstance(v, dict) or "t" not in v:
        if isinstance(v, list):
            return [decode_value(x) for x in v]
        if isinstance(v, dict):
            return dict((k, decode_value(x)) for k, x in v.items())
        return v
    t = v["t"]
    if t == "none":
        return None
    if t == "bool":
        return bool(v["v"])
    if t == "int":
        return int(v["v"])
    if t == "float":
        return float(v["v"])
    if t == "complex":
        return complex(float(v["re"]), float(v["im"]))
    if t == "str":
        return str(v["v"])
    if t == "bytes":
        return _M.binascii.a2b_base64(v["v"])
    if t == "list":
        return [decode_value(x) for x in v["v"]]
    if t == "tuple":
        return tuple(decode_value(x) for x in v["v"])
    if t == "set":
        return set(decode_value(x) for x in v["v"])
    if t == "frozenset":
        return frozenset(decode_value(x) for x in v["v"])
    if t == "dict":
        return dict((decode_value(k), decode_value(x)) for k, x in v["v"])
    raise ValueError("cannot decode a value tagged %r" % (t,))


# ---- exceptions and stacks ----------------------------------------------------------------------

def _mro(cls):
    try:
        return [c.__name__ for c in cls.__mro__ if c is not object]
    except Exception:
        return [getattr(cls, "__name__", "?")]


def _safe_str(e):
    try:
        text = str(e)
    except Exception as err:
        text = "<str() failed: %s>" % type(err).__name__
    if len(text) > 10 * REPR_CAP:
        text = text[:10 * REPR_CAP] + "..."
    return text


def _harness_error(e, traceback=None):
    try:
        if traceback is None:
            import traceback
        text = "".join(traceback.format_exception(type(e), e, e.__traceback__))
    except Exception:
        text = "%s: %s" % (type(e).__name__, _safe_str(e))
    return {"type": type(e).__name__, "mro": _mro(type(e)), "message": _safe_str(e), "line": None,
            "file": None, "text": None, "offset": None, "traceback": text}


def _learner_file(filename, entry, case_dir):
    """The learner-relative name of a code file, or None for the harness, stdlib and the rest."""
    if not filename:
        return None
    if filename == entry:
        return entry
    prefix = case_dir + os.sep
    if filename.startswith(prefix):
        return filename[len(prefix):]
    return None


def _filter_stack(te, entry, case_dir, seen, traceback):
    if te is None or id(te) in seen:
        return
    seen.add(id(te))
    kept = []
    for fs in te.stack:
        rel = _learner_file(fs.filename, entry, case_dir)
        if rel is not None:
            fs.filename = rel
            kept.append(fs)
    te.stack = traceback.StackSummary.from_list(kept)
    if getattr(te, "filename", None):  # SyntaxError inside learner code
        rel = _learner_file(te.filename, entry, case_dir)
        if rel is not None:
            te.filename = rel
    _filter_stack(te.__cause__, entry, case_dir, seen, traceback)
    _filter_stack(te.__context__, entry, case_dir, seen, traceback)
    for sub in getattr(te, "exceptions", None) or []:
        _filter_stack(sub, entry, case_dir, seen, traceback)


def describe_exception(e, entry, case_dir, traceback=None):
    if traceback is None:
        import traceback
    cls = type(e)
    try:
        te = traceback.TracebackException(cls, e, e.__traceback__, capture_locals=False)
        _filter_stack(te, entry, case_dir, set(), traceback)
        text = "".join(te.format()).rstrip("\n")
        stack = list(te.stack)
    except Exception:
        text = "%s: %s" % (cls.__name__, _safe_str(e))
        stack = []
    error = {"type": cls.__name__, "mro": _mro(cls), "message": _safe_str(e), "line": None,
             "file": None, "text": None, "offset": None, "traceback": text}
    if stack:
        last = stack[-1]
        error["line"] = last.lineno
        error["file"] = last.filename
        error["text"] = last.line or None
    if isinstance(e, SyntaxError):
        rel = _learner_file(e.filename, entry, case_dir)
        error["message"] = _safe_str(e.msg)
        if rel is not None:
            error["file"] = rel
            error["line"] = e.lineno
            error["offset"] = e.offset
            error["text"] = e.text.rstrip("\r\n") if isinstance(e.text, str) else None
    if isinstance(e, ImportError) and getattr(e, "name", None):
        error["module"] = e.name
    return error


def _frame_of(line):
    """(file, line, function) from a faulthandler line '  File "x.py", line 3 in f', or None."""
    line = line.strip()
    if not line.startswith('File "'):
        return None
    at = line.rfind('", line ')
    if at < 0:
        return None
    rest = line[at + 8:].split(" in ", 1)
    if len(rest) != 2 or not rest[0].isdigit():
        return None
    return line[6:at], int(rest[0]), rest[1]


def _where(dump, entry, case_dir, entry_lines=None):
    """From a faulthandler dump: the innermost learner frame, and the learner's stack."""
    if not dump:
        return None
    blocks = []
    current = None
    for line in dump.splitlines():
        if "(most recent call first)" in line:
            current = {"current": line.startswith("Current thread"), "frames": []}
            blocks.append(current)
            continue
        frame = _frame_of(line)
        if frame is not None and current is not None:
            rel = _learner_file(frame[0], entry, case_dir)
            if rel is not None:
                current["frames"].append((rel, frame[1], frame[2]))
    candidates = [b for b in blocks if b["frames"]]
    if not candidates:
        return None
    best = [b for b in candidates if b["current"]] or candidates
    frames = list(reversed(best[0]["frames"]))  # most recent call last, as in a traceback
    lines = []
    for rel, lineno, func in frames:
        lines.append('  File "%s", line %d, in %s' % (rel, lineno, func))
        text = _source_line(rel, lineno, entry, case_dir, entry_lines)
        if text:
            lines.append("    " + text)
    rel, lineno, _ = frames[-1]
    return {"line": lineno, "file": rel, "text": _source_line(rel, lineno, entry, case_dir, entry_lines) or None,
            "stack": "\n".join(lines)}


def _source_line(rel, lineno, entry, case_dir, entry_lines=None):
    if rel == entry and entry_lines is not None:
        lines = entry_lines
    else:
        try:
            with open(os.path.join(case_dir, rel), "rb") as f:
                lines = f.read(REPORT_FILE_CAP).decode("utf-8", "replace").splitlines()
        except OSError:
            return ""
    if 0 < lineno <= len(lines):
        return lines[lineno - 1].strip()
    return ""


# ---- source facts -------------------------------------------------------------------------------

_CONSTRUCT_NODES = [("For", "for"), ("AsyncFor", "for"), ("While", "while"), ("If", "if"), ("IfExp", "if"),
               ("Try", "try"), ("TryStar", "try"), ("With", "with"), ("AsyncWith", "with"),
               ("FunctionDef", "def"), ("AsyncFunctionDef", "def"), ("ClassDef", "class"),
               ("Lambda", "lambda"), ("ListComp", "comprehension"), ("SetComp", "comprehension"),
               ("DictComp", "comprehension"), ("GeneratorExp", "comprehension"),
               ("Return", "return"), ("JoinedStr", "fstring"), ("Yield", "yield"),
               ("YieldFrom", "yield"), ("Raise", "raise"), ("Assert", "assert"),
               ("Global", "global"), ("Nonlocal", "nonlocal"), ("Break", "break"),
               ("Continue", "continue"), ("Match", "match"), ("Await", "await")]


def _call_name(func):
    import ast
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _facts(tree):
    import ast
    construct_of = dict((getattr(ast, n), name) for n, name in _CONSTRUCT_NODES if hasattr(ast, n))
    calls, imports, constructs, functions, classes, names = [], [], [], [], [], []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", None)
        kind = construct_of.get(type(node))
        if kind is not None:
            constructs.append({"name": kind, "line": line})
        if isinstance(node, ast.Call):
            name = _call_name(node.func)
            if name:
                calls.append({"name": name, "line": line})
        elif isinstance(node, ast.Import):
            for alias in node.names:
                imports.append({"name": alias.name.split(".")[0], "module": alias.name, "line": line})
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            imports.append({"name": module.split(".")[0] if module else "." * node.level,
                            "module": "." * node.level + module, "line": line,
                            "names": [a.name for a in node.names]})
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.append({"name": node.id, "line": line})
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions.append({"name": node.name, "line": node.lineno})
        elif isinstance(node, ast.ClassDef):
            classes.append({"name": node.name, "line": node.lineno})
    constructs.extend(_recursion(tree))
    for found in (calls, imports, constructs, names):
        found.sort(key=lambda c: c["line"] or 0)
    return {"calls": calls, "imports": imports, "constructs": constructs, "functions": functions,
            "classes": classes, "names": names}


def _recursion(tree):
    """Functions that call themselves by name (methods: through self.name / cls.name)."""
    import ast
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for sub in ast.walk(node):
            if not isinstance(sub, ast.Call):
                continue
            f = sub.func
            if (isinstance(f, ast.Name) and f.id == node.name) or \
                    (isinstance(f, ast.Attribute) and f.attr == node.name and isinstance(f.value, ast.Name)
                     and f.value.id in ("self", "cls")):
                found.append({"name": "recursion", "line": node.lineno, "function": node.name})
                break
    return found


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


# ---- small helpers ------------------------------------------------------------------------------

def decode_inputs(req, kind):
    """A case's decoded inputs; ValueError (a harness-error, not the learner's) when malformed."""
    inputs = {}
    if kind == "call":
        if not isinstance(req.get("function"), str):
            raise ValueError("a call case needs a function name")
        inputs["args"] = [decode_value(a) for a in (req.get("args") or [])]
        inputs["kwargs"] = dict((str(k), decode_value(v)) for k, v in (req.get("kwargs") or {}).items())
    elif kind == "expr":
        inputs["expr"] = compile(str(req.get("expression") or ""), "<expr>", "eval", dont_inherit=True)
    return inputs


def _freeze(collect=True):
    """Moves the harness's objects out of the collector's sight, so children that collect
    garbage do not copy the parent's heap page by page."""
    if hasattr(gc, "freeze"):
        if collect:
            gc.collect()
        gc.freeze()


def _on_sigchld(signum, frame):
    pass  # the wakeup fd wakes the poll


def _ignored_signals():
    signal = _M._signal
    return [getattr(signal, n) for n in IGNORED_SIGNAL_NAMES if hasattr(signal, n)]


def _magic():
    import _frozen_importlib_external
    return _frozen_importlib_external.MAGIC_NUMBER


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


def _is_relative_inside(name):
    if not name or os.path.isabs(name) or "\0" in name:
        return False
    norm = os.path.normpath(name)
    return norm != "." and not norm.startswith("..")


def _new_module(name, path, as_import):
    module = type(sys)(name)
    module.__file__ = path
    module.__builtins__ = builtins
    module.__cached__ = None
    if as_import:
        import _frozen_importlib_external
        spec = _frozen_importlib_external.spec_from_file_location(name, path)
        module.__spec__ = spec
        module.__loader__ = spec.loader if spec is not None else None
    else:
        module.__spec__ = None
        module.__loader__ = None
    return module


def _run_atexit():
    try:
        import atexit
        atexit._run_exitfuncs()
    except Exception:
        pass


def _restore_dict(target, snapshot):
    """Makes target equal to snapshot in place, without a moment where it is empty."""
    target.update(snapshot)
    if len(target) != len(snapshot):
        for key in [k for k in target if k not in snapshot]:
            del target[key]


def _write_file(path, data):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _copy_file(src, dst):
    """Copies the bytes only (no modes: the source is read-only, the copy must not be)."""
    with open(src, "rb") as f, open(dst, "wb") as g:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            g.write(chunk)


def _remove_tree(path):
    """Removes a file or folder tree, opening up folders the learner made unreadable or read-only."""
    try:
        if not os.path.isdir(path) or os.path.islink(path):
            os.unlink(path)
            return
    except FileNotFoundError:
        return
    except OSError:
        try:
            os.chmod(os.path.dirname(path), 0o700)
            os.unlink(path)
        except OSError:
            pass
        return
    for attempt in (1, 2):
        try:
            with os.scandir(path) as entries:
                names = [(e.name, e.is_dir(follow_symlinks=False)) for e in entries]
            break
        except PermissionError:
            if attempt == 2:
                return
            try:
                os.chmod(path, 0o700)
            except OSError:
                return
        except OSError:
            return
    for name, is_dir in names:
        sub = os.path.join(path, name)
        if is_dir:
            _remove_tree(sub)
        else:
            try:
                os.unlink(sub)
            except FileNotFoundError:
                pass
            except OSError:
                try:
                    os.chmod(path, 0o700)
                    os.unlink(sub)
                except OSError:
                    pass
    try:
        os.rmdir(path)
    except OSError:
        try:
            os.chmod(path, 0o700)
            os.chmod(os.path.dirname(path), 0o700)
            os.rmdir(path)
        except OSError:
            pass


def read_report_files(case_dir, names):
    files = {}
    for name in names:
        name = str(name)
        path = os.path.join(case_dir, name)
        if not _is_relative_inside(name) or not os.path.lexists(path):
            files[name] = {"exists": False}
        elif os.path.isdir(path):
            files[name] = {"exists": True, "directory": True}
        else:
            try:
                with open(path, "rb") as f:
                    data = f.read(REPORT_FILE_CAP + 1)
                files[name] = {"exists": True, "text": data[:REPORT_FILE_CAP].decode("utf-8", "replace"),
                               "truncated": len(data) > REPORT_FILE_CAP}
            except OSError as e:
                files[name] = {"exists": True, "error": "%s: %s" % (type(e).__name__, e.strerror or e)}
    return files


def _feed(fd, view):
    while view:
        try:
            n = os.write(fd, view)
        except BlockingIOError:
            return view
        except InterruptedError:
            continue
        except OSError:  # the child closed stdin: drop the rest
            return memoryview(b"")
        view = view[n:]
    return view


def _read_into(fd, buf, cap, over, poller):
    try:
        chunk = os.read(fd, 65536)
    except BlockingIOError:
        return False
    except InterruptedError:
        return False
    except OSError:
        chunk = b""
    if not chunk:
        poller.unregister(fd)
        return False
    room = cap - len(buf)
    if len(chunk) > room:
        buf += chunk[:max(room, 0)]
        over[fd] = True
    else:
        buf += chunk
    return True


def _drain_into(fd, buf, cap, over):
    while True:
        try:
            chunk = os.read(fd, 65536)
        except InterruptedError:
            continue
        except OSError:
            return
        if not chunk:
            return
        room = cap - len(buf)
        if len(chunk) > room:
            buf += chunk[:max(room, 0)]
            over[fd] = True
        else:
            buf += chunk


def _drain(fd):
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass


def _peek_exit(pid):
    """True once the child has exited; it stays a zombie so its group id cannot be reused yet."""
    if hasattr(os, "waitid"):
        try:
            return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
        except ChildProcessError:
            return True
        except OSError:
            pass
    try:
        return os.kill(pid, 0) is None and _zombie(pid)
    except OSError:
        return True


def _zombie(pid):
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except (OSError, IndexError):
        return False


def _kill_group(pid):
    signal = _M._signal
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _reap(pid):
    while True:
        try:
            _, status, rusage = os.wait4(pid, 0)
            return status, rusage
        except InterruptedError:
            continue


def _maxrss_bytes(rusage):
    return rusage.ru_maxrss if sys.platform == "darwin" else rusage.ru_maxrss * 1024


def _signal_name(sig):
    try:
        import signal
        return signal.Signals(sig).name
    except (ImportError, ValueError):
        return "SIG%d" % sig


def _parse_result(data):
    for line in reversed(data.split(b"\n")):
        line = line.strip()
        if not line:
            continue
        try:
            obj = _loads(line.decode("utf-8", "replace"))
        except ValueError:
            continue
        if isinstance(obj, dict) and isinstance(obj.get("status"), str):
            obj.pop("op", None)
            obj.pop("id", None)
            obj.pop("child", None)
            return obj
    return None


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view):]
        except InterruptedError:
            continue
        except OSError:
            return


def _close_quietly(fd):
    try:
        os.close(fd)
    except OSError:
        pass


def _close_fds_from(low):
    fd_dir = "/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"
    try:
        fds = [int(n) for n in os.listdir(fd_dir)]
    except (OSError, ValueError):
        fds = range(low, 1024)
    for fd in fds:
        if fd >= low:
            _close_quietly(fd)


def _fd_count():
    """Open fds of this process (the listing's own included), or -1 when it cannot tell."""
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return -1


def _proc_stat():
    """(threads, address space in bytes) of this process, from /proc/self/stat; (-1, 0) if unknown."""
    try:
        fields = _read_proc("/proc/self/stat").rsplit(b")", 1)[1].split()
        return int(fields[17]), int(fields[20])
    except (OSError, ValueError, IndexError):
        return -1, 0


def _locale_now():
    try:
        return _M._locale.setlocale(_M._locale.LC_ALL, None)
    except Exception:
        return None


def resource_cpu():
    """CPU seconds this process has used (all its threads)."""
    return time.process_time()


def _set_rlimit(which, soft, hard):
    resource = _M.resource
    try:
        _cur_soft, cur_hard = resource.getrlimit(which)
        if cur_hard != resource.RLIM_INFINITY:
            hard = min(hard, cur_hard)
            soft = min(soft, hard)
        resource.setrlimit(which, (soft, hard))
    except (ValueError, OSError):
        pass


def _count_user_tasks():
    """Tasks (threads) the user already runs: RLIMIT_NPROC counts them all, so the per-case
    limit is that many plus `nproc` (inside a user namespace this is close to zero)."""
    uid = os.getuid()
    count = 0
    try:
        names = os.listdir("/proc")
    except OSError:
        return 0
    for name in names:
        if not name.isdigit():
            continue
        try:
            st = os.stat("/proc/%s/task" % name)  # owned like /proc/N itself: one stat a process
            if st.st_uid == uid:
                count += max(1, st.st_nlink - 2)
        except OSError:
            pass
    return count


def _children():
    pids = []
    try:
        for tid in os.listdir("/proc/self/task"):
            pids.extend(int(p) for p in _read_proc("/proc/self/task/%s/children" % tid).split())
    except (OSError, ValueError):
        pass
    return pids


def _read_proc(path):
    """A small /proc file's bytes, with plain syscalls (open() builds three objects per call)."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        data = b""
        while True:
            chunk = os.read(fd, 65536)
            if not chunk:
                return data
            data += chunk
    finally:
        os.close(fd)


class _LibcHandle(object):
    """What ctypes.CDLL(None) is to _ctypes: the interpreter's own C library."""

    def __init__(self, handle):
        self._handle = handle


def _libc():
    """An object whose prctl is libc's, through _ctypes directly (the ctypes package costs a
    millisecond more to import), or ctypes when that fails."""
    try:
        import _ctypes

        class c_int(_ctypes._SimpleCData):
            _type_ = "i"

        class Function(_ctypes.CFuncPtr):
            _flags_ = _ctypes.FUNCFLAG_CDECL | _ctypes.FUNCFLAG_USE_ERRNO
            _restype_ = c_int

        libc = _LibcHandle(_ctypes.dlopen(None, 2))  # RTLD_NOW: the interpreter's own symbols
        libc.prctl = Function(("prctl", libc))
        return libc
    except Exception:
        import ctypes
        return ctypes.CDLL(None, use_errno=True)


def _become_subreaper(launcher):
    """Before the first child is forked, on every tier (Linux): the harness adopts orphans of
    learner code (so reap_strays can end a case's daemons) and becomes non-dumpable (so learner
    code running as the same user cannot ptrace it, read its memory, or copy its channel to the
    JVM with pidfd_getfd; children inherit this until they exec). As its own launcher (tier B)
    it also dies with the JVM and leads its own session. None where prctl is unavailable."""
    libc = None
    if sys.platform.startswith("linux"):
        try:
            libc = _libc()
            libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
            libc.prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE: 0
            if launcher:
                libc.prctl(1, int(_M._signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
        except Exception:
            libc = None
    if launcher:
        try:
            if os.getsid(0) != os.getpid():
                os.setsid()
        except OSError:
            pass
    return libc


# This module's code, for "hello" to hand out (see Harness.hello).
_MODULE_CODE = [sys._getframe(0).f_code] if hasattr(sys, "_getframe") else []


def _backstop_limits():
    """Whole-sandbox backstops, set before anything else runs (the JVM used to put a `prlimit`
    command in front of the harness for these; one exec less). Children only ever lower them."""
    resource = _M.resource
    nproc = os.environ.pop("SPROUT_BACKSTOP_NPROC", None)  # learner code must not see it
    if nproc is not None and hasattr(resource, "RLIMIT_NPROC"):
        try:
            n = int(nproc)
        except ValueError:
            n = None
        if n is not None and n >= 0:
            _set_rlimit(resource.RLIMIT_NPROC, n, n)
    _set_rlimit(resource.RLIMIT_CORE, 0, 0)
    _set_rlimit(resource.RLIMIT_NOFILE, 1024, 4096)


class _SiteOnDemand(object):
    """Last on sys.meta_path when the harness started without site (-S): the first top-level
    import that nothing else finds runs site.main(), which adds site-packages and runs their .pth
    files as a normal start-up would, and then looks again. Stdlib-only exercises never pay for
    site; one that imports an installed package pays once per case that does."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if path is not None:  # a submodule: its package was found, so site is in place
            return None
        import site
        wanted = [d for d in site.getsitepackages() if os.path.isdir(d)]
        if all(d in sys.path for d in wanted):
            return None  # site-packages are searched already: the module is simply not there
        site.main()
        import importlib.machinery
        return importlib.machinery.PathFinder.find_spec(name, sys.path)

    @classmethod
    def invalidate_caches(cls):
        pass


def _site_on_demand():
    """With -S (the JVM passes it when the exercise requires no installed package) Python
    skips site, ~2 ms of start-up. Learner code still gets what site gives every program: exit(),
    quit(), help(), copyright, credits, license, and site-packages when first needed."""
    if not sys.flags.no_site:
        return
    import site
    site.setquit()
    site.setcopyright()
    site.sethelper()
    sys.meta_path.append(_SiteOnDemand)


def main(argv):
    _backstop_limits()
    if len(argv) != 3:
        sys.stderr.write("usage: python3 -I -B harness.py SOURCE_DIR SCRATCH_DIR\n")
        return 2
    _site_on_demand()
    signal = _M._signal
    for sig in _ignored_signals():
        try:
            signal.signal(sig, signal.SIG_IGN)
        except (OSError, ValueError):
            pass
    if hasattr(signal, "pthread_sigmask"):
        # a JVM may start us with signals blocked: SIGCHLD must reach the wakeup fd, and
        # children (and learner code) must start with the mask a shell would give them
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
    harness = Harness(argv[1], argv[2])
    if os.environ.get("SPROUT_SUBREAPER") == "1":
        harness.subreaper_tried = True
        harness.libc = _become_subreaper(True)
    # What children use, looked up once (see _Modules) so it is in place before any fork.
    for name in ("select", "resource", "faulthandler", "_socket", "binascii", "_warnings",
                 "atexit", "_locale"):
        getattr(_M, name)
    _codec()
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    harness.wake_r = wake_r
    signal.set_wakeup_fd(wake_w, warn_on_full_buffer=False)
    signal.signal(signal.SIGCHLD, _on_sigchld)
    harness.pristine_modules = dict(sys.modules)
    harness.take_channel()
    return harness.serve()


if __name__ == "__main__":
    status = main(sys.argv)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(status)  # nothing left to tidy: skip the interpreter's teardown
