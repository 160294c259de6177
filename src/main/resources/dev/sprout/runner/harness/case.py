"""One case, run inside the forked child (or in a GraalPy context, see api): a fresh module,
the learner's compiled code executed in it, then the call, expression, program run or HTTP
requests, and one JSON report on the result fd. Also decodes a case's inputs.
"""

import builtins
import gc
import io
import math
import os
import sys
import time

from .errors import _harness_error, _safe_str, describe_exception
from .httpcases import CookieJar, _make_wsgi_server, _send_request, _with_case_dir
from .scenario import decode_steps, run_steps
from .package import exec_package, without_case_dir
from .oshelp import _live_children, _proc_stat, _python_threads, _set_rlimit, _write_all, resource_cpu
from .shared import DUMP_SIGNAL_NAME, INPUT_EXHAUSTED, RESULT_FD, SIDE_FD, _M, _cpu_allowance
from .testcases import run_tests
from .values import _safe_repr, decode_value, encode_value
from .wire import _dumps


# What the harness reports instead of a result it cannot trust: something learner code started was
# still running when the result was about to be written, and could have written after it
# (docs/harness-protocol.md, "The result is the harness's own"). Shown after "sprout could not run
# this case: ".
UNTRUSTED = {
    "thread": "your code left a thread running while sprout was reading its answer, so sprout cannot "
              "trust that answer. Make sure every thread your code starts has finished (join it) "
              "before your code returns.",
    "process": "your code left a process running while sprout was reading its answer, so sprout cannot "
               "trust that answer. Wait for every process your code starts to finish before your "
               "code returns.",
}


def untrusted_result(what):
    message = UNTRUSTED[what]
    return {"status": "harness-error", "exception": {"type": "UntrustedResult", "mro": [], "message": message,
                                                     "line": None, "file": None, "text": None,
                                                     "offset": None, "traceback": message}}


# Looked up before learner code runs (it could replace sys's and time's attributes).
_current_frames = sys._current_frames
_sleep = time.sleep
_setprofile = sys.setprofile
_settrace = sys.settrace


# Preformatted so the child can still report when memory is exhausted.
MEMORY_FALLBACK = b'{"status":"memory-limit","exception":{"type":"MemoryError","mro":["MemoryError",' \
                  b'"Exception","BaseException"],"message":"","line":null,"file":null,"text":null,' \
                  b'"offset":null,"traceback":"MemoryError"}}\n'


_os_write = os.write


class _Stdin(io.TextIOWrapper):
    """The case's stdin, which notes on SIDE_FD (once) that a read hit end of input: input()
    raises EOFError then, and a program that runs out of time after it was looping on it."""

    _exhausted = False

    def _hit_end(self):
        if not self._exhausted:
            self._exhausted = True
            try:
                _os_write(SIDE_FD, INPUT_EXHAUSTED)
            except Exception:
                pass

    def readline(self, size=-1):
        line = super().readline(size)
        if not line and size != 0:
            self._hit_end()
        return line

    def read(self, size=-1):
        data = super().read(size)
        if not data and size != 0:
            self._hit_end()
        return data

    def readlines(self, hint=-1):
        lines = super().readlines(hint)
        self._hit_end()
        return lines

    def __next__(self):
        try:
            return super().__next__()
        except StopIteration:
            self._hit_end()
            raise


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
        data = ("\n%s\n" % _dumps({"status": "harness-error", "exception": _harness_error(e, traceback)})).encode("ascii")
        _write_all(self.result_fd, data)

    def helper(self, name):
        if self.server is not None:
            return self.server.harness_import(name)
        return __import__(name)

    # -- setting up ----------------------------------------------------------------------------

    def attach_stdio(self):
        stdin = _Stdin(io.BufferedReader(io.FileIO(0, "rb", closefd=False)), encoding="utf-8", errors="replace")
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
        if self.h.package is not None:  # imported (or run with -m) by exec_module: package.py
            if self.kind == "run":
                sys.argv[0] = os.path.join(self.case_dir, self.h.entry, "__main__.py")
            self.module = None
            return
        name = "__main__" if self.kind == "run" else self.h.module_name
        self.module = _new_module(name, os.path.join(self.case_dir, self.h.entry), name != "__main__")

    # -- running -------------------------------------------------------------------------------

    def exec_module(self):
        if self.h.package is not None:
            self.module = exec_package(self)
            return
        sys.modules[self.module.__name__] = self.module
        exec(self.h.code, self.module.__dict__)

    def run_code(self):
        kind = self.kind
        if kind == "tests":
            return run_tests(self)
        try:
            self.exec_module()
            if kind == "run":
                self.join_threads()
                _run_atexit()
                return {"status": "returned", "exit_code": 0}
            if kind == "scenario":
                return run_steps(self, self.inputs["steps"])
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
        error = describe_exception(e, self.h.entry, self.case_dir, traceback)
        if self.h.package is not None:
            without_case_dir(error, self.case_dir)
        return error

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
            if spec.get("factory"):
                factory = self.attribute(spec["factory"])
                args = [_with_case_dir(a, self.case_dir) for a in (spec.get("factory_args") or [])]
                kwargs = dict((str(k), _with_case_dir(v, self.case_dir))
                              for k, v in (spec.get("factory_kwargs") or {}).items())
                app = factory(*args, **kwargs)
            else:
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
        jar = CookieJar()
        return {"status": "returned", "responses": [_send_request(port, r, cap, jar) for r in requests]}

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
            jar = CookieJar()
            result = {"status": "returned", "responses": [_send_request(port, r, cap, jar) for r in requests]}
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
        if self.server is not None and self.kind != "http":
            self.server.watching = False  # the harness's own calls from here on
            try:
                running = _left_running()
            except MemoryError:  # the memory-limit report can only fail the case anyway
                running = None if data is MEMORY_FALLBACK else "thread"
            except BaseException:
                running = "thread"
            if running is not None:
                # what was left running may write after this line: the parent learns it from
                # the "done" message instead (ChildServer.serve), which no stray line outlasts
                self.retire = "left a %s running" % running
                self.server.untrusted = running
                data = ("%s\n" % _dumps(untrusted_result(running))).encode("ascii")
            _write_last(self.result_fd, data)
            return
        # a newline first ends any partial line learner code left on fd 3, so nothing glues onto
        # the harness's line; the parent takes the last complete line (_parse_result). Written on
        # its own: after a MemoryError even joining two bytes objects may fail
        _write_all(self.result_fd, b"\n")
        _write_all(self.result_fd, data)
        if self.kind == "http" or self.server is None:
            os._exit(0)


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
    elif kind == "scenario":
        inputs["steps"] = decode_steps(req)
    return inputs


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


def _left_running():
    """"thread" or "process" when something learner code started could still write on the result
    fd, else None. Learner code has ended; from the moment this returns None nothing but the
    harness runs in this process: one thread (its only Python thread state), and no child
    process alive (the child is a subreaper, so a grandchild whose parent died is its child).

    A thread that is ending (a `run` case joined it) or starting (it holds no frame yet) gets a
    moment, up to 0.2 s, to finish or show itself; OS threads that never run Python (a native
    library's pool) do not count."""
    _setprofile(None)  # a profiler or tracer left by learner code would run after the write
    _settrace(None)
    deadline = time.monotonic() + 0.2
    while True:
        if _proc_stat()[0] == 1 or _python_threads(_current_frames) == 1:
            break
        if time.monotonic() >= deadline:
            return "thread"
        _sleep(0.001)
    if _live_children():
        return "process"
    return None


def _write_last(fd, data):
    """Writes the harness's result and closes fd (/dev/null takes its place) with nothing of the
    learner's able to run in between: signals blocked (handlers already due run first, before
    the write), the collector off (no finalizer runs), no profiler or tracer (_left_running).
    The newline first ends any partial line learner code left, so nothing glues onto the
    harness's line."""
    signal = _M._signal
    try:
        null = os.open(os.devnull, os.O_RDWR)
    except OSError:  # no fd left (learner code opened them all): fd is closed instead
        null = -1
    gc_on = gc.isenabled()
    gc.disable()
    old_mask = None
    if hasattr(signal, "pthread_sigmask"):
        for _ in range(64):  # each call runs the handlers already due; one may raise
            try:
                old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, [])
                break
            except BaseException:
                pass
        for _ in range(64):
            try:
                signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
                break
            except BaseException:
                pass
    try:
        _write_all(fd, b"\n")
        _write_all(fd, data)
    finally:
        if null >= 0:
            os.dup2(null, fd, inheritable=False)
            os.close(null)
        else:
            os.close(fd)
        if old_mask is not None:
            try:
                signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
            except BaseException:
                pass
        if gc_on:
            gc.enable()


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
