"""The forked child's loop (ChildServer): set up once (process group, signals, fds, rlimits,
audit hook), then serve case after case from a fresh state, restoring what a case may change
and retiring when it changed what a fresh namespace cannot undo (docs/harness-protocol.md,
"One child, many cases").
"""

import builtins
import gc
import os
import sys

from .case import Child, _new_module, _restore_dict, decode_inputs
from .errors import _harness_error
from .oshelp import _close_fds_from, _fd_count, _ignored_signals, _locale_now, _proc_stat, _set_rlimit, _write_all, resource_cpu
from .shared import CHILD_GROWTH_CAP, CONTROL_FD, DEFAULT_LIMITS, RESULT_FD, _M
from .wire import _dumps, _loads


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
        self.untrusted = None  # "thread" or "process": the case's result cannot be trusted (case.finish)

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
            try:
                # orphans of learner code come to this child while it lives, so before writing a
                # result it sees every process a case left running (case._left_running)
                self.h.libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
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
            self.untrusted = None
            retire = self.serve_case(header, raw, fds)
            try:
                if os.fstat(CONTROL_FD).st_ino != self.ctl_ino:
                    os._exit(0)
                cpu = resource_cpu()
                done = {"done": header.get("seq"), "cpu": cpu, "retire": retire}
                if self.untrusted is not None:
                    done["untrusted"] = self.untrusted
                self.sock.sendall(("%s\n" % _dumps(done)).encode("ascii"))
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
                    _write_all(RESULT_FD, ("\n%s\n" % _dumps({"status": "harness-error",
                                                            "exception": _harness_error(e)})).encode("ascii"))
            except BaseException:
                pass
            e = None
        child = None
        if not self.h.reuse:
            try:  # the result fd closed before "done", as after_case does (Supervisor: end of file)
                null = os.open(os.devnull, os.O_RDWR)
                os.dup2(null, RESULT_FD, inheritable=False)
                os.close(null)
            except OSError:
                pass
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
