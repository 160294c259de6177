"""sprout's Python harness: runs a learner's exercise file case by case for the JVM.

Started once per submission as ``python3 -I -B harness.py SOURCE_DIR SCRATCH_DIR`` and driven
over JSON lines on stdin/stdout; docs/harness-protocol.md is the contract. Learner code never
runs in this process: every case runs in a fresh fork whose stdio are new pipes and whose
channel to the JVM is closed first. Expected values never reach this file; it only reports.

Python 3.8+ and the standard library only.
"""

import base64
import builtins
import faulthandler
import fcntl
import gc
import importlib.util
import io
import json
import linecache
import math
import os
import re
import resource
import selectors
import shutil
import signal
import sys
import time
import tokenize
import traceback
import types

PROTOCOL = 1
MAX_DEPTH = 50
MAX_ELEMENTS = 10000
REPR_CAP = 1000
REPORT_FILE_CAP = 1 << 20
SIDE_CAP = 1 << 20
RESULT_FD = 3  # in the child
SIDE_FD = 4  # in the child: faulthandler dumps
DEFAULT_LIMITS = {"cpu_s": 2, "wall_s": 5, "memory_bytes": 512 << 20, "output_bytes": 1 << 20,
                  "file_bytes": 16 << 20, "nproc": 64}
# Preformatted so the child can still report when memory is exhausted.
MEMORY_FALLBACK = b'{"status":"memory-limit","exception":{"type":"MemoryError","mro":["MemoryError",' \
                  b'"Exception","BaseException"],"message":"","line":null,"file":null,"text":null,' \
                  b'"offset":null,"traceback":"MemoryError"}}\n'
# Signals the harness ignores so learner code cannot stop it with kill(getppid(), ...);
# the JVM ends the harness by closing its stdin, sending "bye", or SIGKILL.
IGNORED_SIGNALS = [getattr(signal, n) for n in (
    "SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGTSTP",
    "SIGTTIN", "SIGTTOU", "SIGVTALRM", "SIGPROF", "SIGXCPU", "SIGPIPE") if hasattr(signal, n)]


class Harness(object):
    def __init__(self, source_dir, scratch_dir):
        self.source_dir = os.path.abspath(source_dir)
        self.scratch_dir = os.path.abspath(scratch_dir)
        self.entry = None  # relative file name, e.g. "calculator.py"
        self.module_name = None
        self.source = None  # decoded text of the entry file
        self.code = None  # compiled once at load; children exec it
        self.load_error = None  # ERROR dict when the entry does not compile
        self.seq = 0
        self.http_ready = False
        self.libc = None
        self.pristine_path = list(sys.path)
        self.pristine_modules = dict(sys.modules)
        self.nproc_baseline = _count_user_tasks()
        self.chan_in = None
        self.chan_out = None

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
        data = json.dumps(obj, ensure_ascii=True, allow_nan=False, separators=(",", ":")) + "\n"
        view = memoryview(data.encode("ascii"))
        while view:
            try:
                n = os.write(self.chan_out, view)
            except InterruptedError:
                continue
            view = view[n:]

    def serve(self):
        reader = os.fdopen(self.chan_in, "rb", closefd=False)
        while True:
            line = reader.readline()
            if not line:
                return 0
            line = line.strip()
            if not line:
                continue
            try:
                req = json.loads(line.decode("utf-8", "replace"))
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
                    resp = self.hello()
                elif op == "load":
                    resp = self.load(req)
                elif op == "facts":
                    resp = self.facts(req)
                elif op == "preload":
                    resp = self.preload(req)
                elif op == "case":
                    resp = self.case(req)
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

    # ---- simple ops --------------------------------------------------------------------------

    def hello(self):
        return {"op": "ready", "protocol": PROTOCOL,
                "python": "%d.%d.%d" % sys.version_info[:3],
                "implementation": sys.implementation.name, "executable": sys.executable,
                "pid": os.getpid()}

    def load(self, req):
        entry = req.get("entry")
        if not isinstance(entry, str) or not _is_relative_inside(entry):
            raise ValueError("entry must be a relative file name inside SOURCE_DIR")
        self.entry = os.path.normpath(entry)
        self.module_name = os.path.splitext(os.path.basename(self.entry))[0]
        self.code = None
        self.source = None
        self.load_error = None
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
            lines = self.source.splitlines(True)
            linecache.cache[self.entry] = (len(self.source), None, lines, self.entry)
            self.code = compile(self.source, self.entry, "exec", dont_inherit=True)
            _freeze()
        except (SyntaxError, ValueError, UnicodeError, OverflowError, MemoryError, RecursionError) as e:
            self.code = None
            self.load_error = self.load_error_of(e, raw)
            return {"op": "loaded", "ok": False, "error": self.load_error}
        return {"op": "loaded", "ok": True, "module": self.module_name}

    def load_error_of(self, e, raw):
        if isinstance(e, SyntaxError):
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
        self.pristine_modules = dict(sys.modules)
        _freeze()
        return {"op": "preloaded", "modules": done}

    # ---- a case ------------------------------------------------------------------------------

    def case(self, req):
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
        # something that looks like the learner's exception.
        inputs = {}
        if kind == "call":
            if not isinstance(req.get("function"), str):
                raise ValueError("a call case needs a function name")
            inputs["args"] = [decode_value(a) for a in (req.get("args") or [])]
            inputs["kwargs"] = dict((str(k), decode_value(v)) for k, v in (req.get("kwargs") or {}).items())
        elif kind == "expr":
            inputs["expr"] = compile(str(req.get("expression") or ""), "<expr>", "eval", dont_inherit=True)
        elif kind == "http":
            self.prepare_http()
        case_dir = self.make_case_dir(case_id, req.get("files") or {})
        try:
            case = Case(self, req, kind, limits, case_dir, inputs)
            resp = case.run()
            resp["files"] = read_report_files(case_dir, req.get("report_files") or [])
        finally:
            _remove_tree(case_dir)
            self.reap_strays()
        resp = dict([("op", "result"), ("id", case_id)] + list(resp.items()))
        resp["elapsed_ms"] = case.elapsed_ms
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
            self.pristine_modules = dict(sys.modules)
            self.http_ready = True
            _freeze()

    def make_case_dir(self, case_id, files):
        self.seq += 1
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", str(case_id))[:40] or "case"
        case_dir = os.path.join(self.scratch_dir, "case-" + safe)
        if os.path.lexists(case_dir):
            case_dir = "%s-%d" % (case_dir, self.seq)
            _remove_tree(case_dir)
        _copy_tree(self.source_dir, case_dir)
        for name, text in files.items():
            if not _is_relative_inside(name):
                raise ValueError("case file %r must be a relative path inside the case dir" % name)
            path = os.path.join(case_dir, name)
            parent = os.path.dirname(path)
            if not os.path.isdir(parent):
                os.makedirs(parent)
            if os.path.lexists(path) and not os.path.isfile(path):
                _remove_tree(path)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text if isinstance(text, str) else json.dumps(text))
        return case_dir

    def reap_strays(self):
        """Reaps zombies; as a subreaper, also kills learner daemons that escaped their group."""
        for _ in range(3):
            if self.libc is not None:
                for pid in _children():
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
            reaped = False
            while True:
                try:
                    pid, _status = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    return
                except InterruptedError:
                    continue
                if pid == 0:
                    break
                reaped = True
            if not reaped or self.libc is None:
                return


class Case(object):
    """One case: fork a child, feed and read its pipes, enforce limits, explain how it ended."""

    def __init__(self, harness, req, kind, limits, case_dir, inputs):
        self.h = harness
        self.req = req
        self.kind = kind
        self.limits = limits
        self.case_dir = case_dir
        self.inputs = inputs
        self.started = None
        self.elapsed_ms = None
        self.open_fds = set()
        self.reaped = False
        self.cpu_s = max(1, int(math.ceil(float(limits["cpu_s"]))))
        self.wall_s = float(limits["wall_s"])
        self.out_cap = int(limits["output_bytes"])

    def run(self):
        stdin_data = self.req.get("stdin") or ""
        stdin_data = stdin_data.encode("utf-8", "surrogateescape") if isinstance(stdin_data, str) else b""
        old_wakeup = old_chld = None
        pid = -1
        try:
            in_r, in_w = self.pipe()
            out_r, out_w = self.pipe()
            err_r, err_w = self.pipe()
            res_r, res_w = self.pipe()
            side_r, side_w = self.pipe()
            wake_r, wake_w = self.pipe()
            for fd in (in_w, out_r, err_r, res_r, side_r, wake_r, wake_w):
                os.set_blocking(fd, False)
            old_wakeup = signal.set_wakeup_fd(wake_w, warn_on_full_buffer=False)
            old_chld = signal.signal(signal.SIGCHLD, _on_sigchld)
            self.started = time.monotonic()
            pid = os.fork()
            if pid == 0:
                # The child never returns into the harness loop, whatever happens.
                try:
                    child = Child(self.h, self.req, self.kind, self.limits, self.case_dir,
                                  self.inputs, (in_r, out_w, err_w, res_w, side_w))
                    try:
                        child.run()
                    except BaseException as e:
                        child.report_harness_error(e)
                finally:
                    os._exit(70)
            try:
                os.setpgid(pid, pid)
            except OSError:
                pass
            for fd in (in_r, out_w, err_w, res_w, side_w):
                self.close(fd)
            return self.supervise(pid, stdin_data, in_w, out_r, err_r, res_r, side_r, wake_r)
        finally:
            if pid > 0 and not self.reaped:  # the supervisor failed: never leave the child behind
                _kill_group(pid)
                _reap(pid)
            if old_chld is not None:
                signal.signal(signal.SIGCHLD, old_chld)
            if old_wakeup is not None:
                signal.set_wakeup_fd(old_wakeup)
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

    def supervise(self, pid, stdin_data, in_w, out_r, err_r, res_r, side_r, wake_r):
        bufs = {out_r: bytearray(), err_r: bytearray(), res_r: bytearray(), side_r: bytearray()}
        caps = {out_r: self.out_cap, err_r: self.out_cap, res_r: max(64 << 20, self.out_cap * 4),
                side_r: SIDE_CAP}
        over = {out_r: False, err_r: False, res_r: False, side_r: False}
        stdin_view = memoryview(stdin_data)
        sel = selectors.DefaultSelector()
        reason = None
        status = None
        try:
            stdin_view = _feed(in_w, stdin_view)
            stdin_open = bool(stdin_view)
            if stdin_open:
                sel.register(in_w, selectors.EVENT_WRITE)
            else:
                self.close(in_w)
            for fd in (out_r, err_r, res_r, side_r, wake_r):
                sel.register(fd, selectors.EVENT_READ)
            deadline = self.started + self.wall_s
            while True:
                exited = _peek_exit(pid)
                if exited:
                    break
                now = time.monotonic()
                if now >= deadline:
                    reason = "timeout"
                    break
                for key, _ in sel.select(min(deadline - now, 1.0)):
                    fd = key.fd
                    if fd == wake_r:
                        _drain(wake_r)
                    elif fd == in_w:
                        try:
                            stdin_view = _feed(in_w, stdin_view)
                        except OSError:
                            stdin_view = memoryview(b"")
                        if not stdin_view:
                            sel.unregister(in_w)
                            self.close(in_w)
                            stdin_open = False
                    else:
                        if not _read_into(fd, bufs[fd], caps[fd], over, sel):
                            continue
                        if (over[out_r] or over[err_r]) and reason is None:
                            reason = "output-limit"
                if reason == "output-limit":
                    break
            if stdin_open:
                try:
                    sel.unregister(in_w)
                except (KeyError, ValueError):
                    pass
            _kill_group(pid)
            status, rusage = _reap(pid)
            self.reaped = True
            self.elapsed_ms = int(round((time.monotonic() - self.started) * 1000))
            for fd in (out_r, err_r, res_r, side_r):
                _drain_into(fd, bufs[fd], caps[fd], over)
        finally:
            sel.close()
        if (over[out_r] or over[err_r]) and reason is None:
            reason = "output-limit"
        return self.explain(reason, status, rusage, bufs, over, out_r, err_r, res_r, side_r)

    def explain(self, reason, status, rusage, bufs, over, out_r, err_r, res_r, side_r):
        out = {"status": None}
        result = _parse_result(bytes(bufs[res_r]))
        if reason is not None:
            out["status"] = reason
        elif result is not None:
            out.update(result)
        elif os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            cpu = rusage.ru_utime + rusage.ru_stime
            if sig == getattr(signal, "SIGXCPU", -1) or (sig == signal.SIGKILL and cpu >= self.cpu_s - 0.05):
                out["status"] = "cpu-limit"
            elif sig in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT, getattr(signal, "SIGBUS", -1)) \
                    and _maxrss_bytes(rusage) >= 0.8 * int(self.limits["memory_bytes"]):
                out["status"] = "memory-limit"
            else:
                name = _signal_name(sig)
                out["status"] = "crashed"
                out["exception"] = {"type": name, "mro": [], "message": "killed by signal %s" % name,
                                    "line": None, "file": None, "text": None, "offset": None,
                                    "traceback": "killed by signal %s" % name}
        else:
            out["status"] = "no-result"
            out["exit_code"] = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
        out["stdout"] = bytes(bufs[out_r]).decode("utf-8", "replace")
        out["stderr"] = bytes(bufs[err_r]).decode("utf-8", "replace")
        out["stdout_truncated"] = over[out_r]
        out["stderr_truncated"] = over[err_r]
        if out["status"] in ("timeout", "cpu-limit"):
            where = _where(bytes(bufs[side_r]).decode("utf-8", "replace"), self.h.entry, self.case_dir)
            if where is not None:
                out["where"] = where
        return out


class Child(object):
    """Runs in the forked child: isolate, limit, run the learner's code, report, _exit."""

    def __init__(self, harness, req, kind, limits, case_dir, inputs, fds):
        self.h = harness
        self.req = req
        self.kind = kind
        self.limits = limits
        self.case_dir = case_dir
        self.inputs = inputs
        self.fds = fds
        self.result_fd = fds[3]  # RESULT_FD once the fds are in place
        self.module = None
        self.stdout = None
        self.stderr = None

    def run(self):
        self.isolate()
        self.arm_limits()
        self.prepare_interpreter()
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
        data = (json.dumps({"status": "harness-error", "exception": _harness_error(e)}) + "\n").encode()
        _write_all(self.result_fd, data)

    # -- setting up ----------------------------------------------------------------------------

    def isolate(self):
        try:
            os.setpgid(0, 0)
        except OSError:
            pass
        try:
            signal.set_wakeup_fd(-1)
        except (ValueError, OSError):
            pass
        for sig in IGNORED_SIGNALS + [signal.SIGCHLD]:
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
        in_r, out_w, err_w, res_w, side_w = self.fds
        os.dup2(in_r, 0)
        os.dup2(out_w, 1)
        os.dup2(err_w, 2)
        res_hi = fcntl.fcntl(res_w, fcntl.F_DUPFD, 10)
        side_hi = fcntl.fcntl(side_w, fcntl.F_DUPFD, 10)
        os.dup2(res_hi, RESULT_FD, inheritable=False)
        os.dup2(side_hi, SIDE_FD, inheritable=False)
        self.result_fd = RESULT_FD
        _close_fds_from(SIDE_FD + 1)  # the JVM channel and every parent-side fd
        sys.stdin = sys.__stdin__ = io.TextIOWrapper(
            io.BufferedReader(io.FileIO(0, "rb", closefd=False)), encoding="utf-8", errors="replace")
        self.stdout = io.TextIOWrapper(io.FileIO(1, "wb", closefd=False), encoding="utf-8",
                                       errors="replace", write_through=True)
        self.stderr = io.TextIOWrapper(io.FileIO(2, "wb", closefd=False), encoding="utf-8",
                                       errors="backslashreplace", write_through=True)
        sys.stdout = sys.__stdout__ = self.stdout
        sys.stderr = sys.__stderr__ = self.stderr
        os.chdir(self.case_dir)

    def arm_limits(self):
        wall_s = float(self.limits["wall_s"])
        try:
            faulthandler.dump_traceback_later(max(wall_s - 0.2, 0.05), file=SIDE_FD)
        except Exception:
            pass
        if hasattr(signal, "SIGXCPU"):
            try:
                faulthandler.register(signal.SIGXCPU, file=SIDE_FD, all_threads=True, chain=True)
            except Exception:
                pass
        cpu = max(1, int(math.ceil(float(self.limits["cpu_s"]))))
        nproc = int(self.limits["nproc"])
        for name, soft, hard in (
                ("RLIMIT_CPU", cpu, cpu + 1),
                ("RLIMIT_AS", int(self.limits["memory_bytes"]), None),
                ("RLIMIT_FSIZE", int(self.limits["file_bytes"]), None),
                ("RLIMIT_NPROC", nproc + self.h.nproc_baseline if nproc > 0 else None, None),
                ("RLIMIT_CORE", 0, None)):
            if soft is None or not hasattr(resource, name):
                continue
            _set_rlimit(getattr(resource, name), soft, soft if hard is None else hard)

    def prepare_interpreter(self):
        sys.modules.clear()
        sys.modules.update(self.h.pristine_modules)
        sys.path[:] = [self.case_dir] + self.h.pristine_path
        if self.kind == "run":
            sys.argv = [self.h.entry] + [str(a) for a in (self.req.get("argv") or [])]
        else:
            sys.argv = [self.h.entry]
        env = dict((str(k), str(v)) for k, v in (self.req.get("env") or {}).items())
        os.environ.clear()
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
            error = describe_exception(e, self.h.entry, self.case_dir)
            e = None
            if kind == "run":
                self._write_err(error["traceback"] + "\n")
                self.join_threads()
                _run_atexit()
                return {"status": "raised", "exception": error, "exit_code": 1}
            return {"status": "raised", "exception": error}
        return {"status": "returned", "value": encode_value(value), "repr": _safe_repr(value)}

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
            return {"status": "raised", "exception": describe_exception(e, self.h.entry, self.case_dir)}
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
            result = {"status": "raised", "exception": describe_exception(e, self.h.entry, self.case_dir)}
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
        try:
            self.module.__dict__.clear()
        except Exception:
            pass
        if e is not None:
            try:
                traceback.clear_frames(e.__traceback__)
            except Exception:
                pass
        gc.collect()
        if e is None:
            return None
        try:
            return {"status": "memory-limit", "exception": describe_exception(e, self.h.entry, self.case_dir)}
        except MemoryError:
            return None

    # -- reporting -----------------------------------------------------------------------------

    def finish(self, result):
        for stream in (sys.stdout, sys.stderr, self.stdout, self.stderr):
            try:
                stream.flush()
            except BaseException:
                pass
        data = None
        if result is not None:
            try:
                data = (json.dumps(result, ensure_ascii=True, allow_nan=False,
                                   separators=(",", ":")) + "\n").encode("ascii")
            except MemoryError:
                self.memory_exhausted()
            except BaseException as e:
                data = (json.dumps({"status": "harness-error", "exception": _harness_error(e)}) + "\n").encode()
        if data is None:
            data = MEMORY_FALLBACK
        _write_all(self.result_fd, data)
        os._exit(0)


# ---- values -------------------------------------------------------------------------------------

class _TooBig(Exception):
    pass


def _qualname(cls):
    module = getattr(cls, "__module__", None) or "builtins"
    return "%s.%s" % (module, getattr(cls, "__qualname__", cls.__name__))


def _safe_repr(value):
    try:
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


def _other(value):
    return {"t": "other", "type": _qualname(type(value)), "repr": _safe_repr(value)}


def encode_value(value):
    budget = [MAX_ELEMENTS]
    try:
        return _encode(value, 0, budget)
    except (_TooBig, RecursionError):
        return _other(value)
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
        out = {"t": "str", "v": str.__str__(value)}
    elif isinstance(value, bytes):
        out = {"t": "bytes", "v": base64.b64encode(bytes(value)).decode("ascii")}
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
        return base64.b64decode(v["v"])
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


def _harness_error(e):
    return {"type": type(e).__name__, "mro": _mro(type(e)), "message": _safe_str(e), "line": None,
            "file": None, "text": None, "offset": None,
            "traceback": "".join(traceback.format_exception(type(e), e, e.__traceback__))}


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


def _filter_stack(te, entry, case_dir, seen):
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
    _filter_stack(te.__cause__, entry, case_dir, seen)
    _filter_stack(te.__context__, entry, case_dir, seen)
    for sub in getattr(te, "exceptions", None) or []:
        _filter_stack(sub, entry, case_dir, seen)


def describe_exception(e, entry, case_dir):
    cls = type(e)
    try:
        te = traceback.TracebackException(cls, e, e.__traceback__, capture_locals=False)
        _filter_stack(te, entry, case_dir, set())
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


_FRAME = re.compile(r'^\s+File "(.*)", line (\d+) in (.*)$')


def _where(dump, entry, case_dir):
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
        m = _FRAME.match(line)
        if m and current is not None:
            rel = _learner_file(m.group(1), entry, case_dir)
            if rel is not None:
                current["frames"].append((rel, int(m.group(2)), m.group(3)))
    candidates = [b for b in blocks if b["frames"]]
    if not candidates:
        return None
    best = [b for b in candidates if b["current"]] or candidates
    frames = list(reversed(best[0]["frames"]))  # most recent call last, as in a traceback
    lines = []
    for rel, lineno, func in frames:
        lines.append('  File "%s", line %d, in %s' % (rel, lineno, func))
        text = _source_line(rel, lineno, entry, case_dir)
        if text:
            lines.append("    " + text)
    rel, lineno, _ = frames[-1]
    return {"line": lineno, "file": rel, "text": _source_line(rel, lineno, entry, case_dir) or None,
            "stack": "\n".join(lines)}


def _source_line(rel, lineno, entry, case_dir):
    if rel == entry:
        lines = linecache.getlines(entry)
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

def _freeze():
    """Moves the harness's objects out of the collector's sight, so children that collect
    garbage do not copy the parent's heap page by page."""
    if hasattr(gc, "freeze"):
        gc.collect()
        gc.freeze()


def _on_sigchld(signum, frame):
    pass  # the wakeup fd wakes the selector


def _decode_source(raw, filename):
    """Decodes like the interpreter does for a file: PEP 263 cookie or BOM, else strict UTF-8."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as e:
        e.filename = filename
        raise
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        byte = "'\\x%02x'" % raw[e.start]
        if encoding == "utf-8":
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
    module = types.ModuleType(name)
    module.__file__ = path
    module.__builtins__ = builtins
    module.__cached__ = None
    if as_import:
        spec = importlib.util.spec_from_file_location(name, path)
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


def _copy_tree(src, dst):
    """Copies files and folders only (no modes: the source is read-only, the copy must not be)."""
    os.makedirs(dst)
    for name in os.listdir(src):
        if name == "__pycache__":
            continue
        s = os.path.join(src, name)
        d = os.path.join(dst, name)
        if os.path.isdir(s):
            _copy_tree(s, d)
        elif os.path.isfile(s):
            shutil.copyfile(s, d)


def _remove_tree(path):
    def fix(func, p, _exc):
        try:
            os.chmod(os.path.dirname(p), 0o700)
            if os.path.isdir(p) and not os.path.islink(p):
                os.chmod(p, 0o700)
            func(p)
        except OSError:
            pass

    if not os.path.lexists(path):
        return
    if os.path.islink(path) or not os.path.isdir(path):
        try:
            os.unlink(path)
        except OSError:
            pass
        return
    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=fix)
    else:
        shutil.rmtree(path, onerror=fix)
    if os.path.lexists(path):  # a folder the learner made unreadable: open it up and retry
        for root, dirs, _files in os.walk(path):
            for d in dirs:
                try:
                    os.chmod(os.path.join(root, d), 0o700)
                except OSError:
                    pass
        shutil.rmtree(path, ignore_errors=True)


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


def _read_into(fd, buf, cap, over, sel):
    try:
        chunk = os.read(fd, 65536)
    except BlockingIOError:
        return False
    except InterruptedError:
        return False
    except OSError:
        chunk = b""
    if not chunk:
        sel.unregister(fd)
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
        return signal.Signals(sig).name
    except ValueError:
        return "SIG%d" % sig


def _parse_result(data):
    for line in reversed(data.split(b"\n")):
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line.decode("utf-8", "replace"))
        except ValueError:
            continue
        if isinstance(obj, dict) and isinstance(obj.get("status"), str):
            obj.pop("op", None)
            obj.pop("id", None)
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


def _set_rlimit(which, soft, hard):
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
            st = os.stat("/proc/%s/task" % name)
            if os.stat("/proc/" + name).st_uid == uid:
                count += max(1, st.st_nlink - 2)
        except OSError:
            pass
    return count


def _children():
    pids = []
    try:
        for tid in os.listdir("/proc/self/task"):
            with open("/proc/self/task/%s/children" % tid) as f:
                pids.extend(int(p) for p in f.read().split())
    except (OSError, ValueError):
        pass
    return pids


def _become_subreaper():
    """Tier B: the harness adopts orphans of learner code and dies with the JVM."""
    libc = None
    try:
        import ctypes
        import ctypes.util
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except Exception:
        libc = None
    try:
        if os.getsid(0) != os.getpid():
            os.setsid()
    except OSError:
        pass
    return libc


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: python3 -I -B harness.py SOURCE_DIR SCRATCH_DIR\n")
        return 2
    for sig in IGNORED_SIGNALS:
        try:
            signal.signal(sig, signal.SIG_IGN)
        except (OSError, ValueError):
            pass
    harness = Harness(argv[1], argv[2])
    if os.environ.get("SPROUT_SUBREAPER") == "1":
        harness.libc = _become_subreaper()
    harness.pristine_modules = dict(sys.modules)
    harness.take_channel()
    return harness.serve()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
