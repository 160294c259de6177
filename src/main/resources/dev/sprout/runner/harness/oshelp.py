"""OS helpers: fds, /proc, rlimits, signals, the interpreter's magic number, and libc (prctl:
subreaper, non-dumpable, parent-death signal). Linux first; each degrades where it cannot work.
"""

import gc
import os
import sys
import time

from .shared import IGNORED_SIGNAL_NAMES, _M


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


def _python_threads(current_frames):
    """How many Python threads this process has (thread states, those without a frame too: a
    thread started but not yet running Python, or one ending), or -1 when it cannot tell.
    faulthandler lists every thread state without releasing the GIL; counted only when a cheaper
    look (current_frames: threads running Python) saw none but this one."""
    if len(current_frames()) > 1:
        return len(current_frames())
    try:
        r, w = os.pipe()
    except OSError:
        return -1
    try:
        os.set_blocking(w, False)
        _M.faulthandler.dump_traceback(w, all_threads=True)
        os.close(w)
        w = -1
        data = b""
        while True:
            chunk = os.read(r, 65536)
            if not chunk:
                break
            data += chunk
        return sum(1 for line in data.split(b"\n") if line.startswith((b"Thread 0x", b"Current thread 0x")))
    except Exception:
        return -1
    finally:
        _close_quietly(r)
        if w >= 0:
            _close_quietly(w)


def _live_children():
    """Whether this process has a child still running (a zombie holds no files); True when it
    cannot tell. Meant for a process with one thread (children are listed by thread)."""
    try:
        pids = _read_proc("/proc/self/task/%d/children" % os.getpid()).split()
    except OSError:
        try:
            os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            return True  # some child, running or not
        except ChildProcessError:
            return False
        except OSError:
            return True
    for pid in pids:
        try:
            state = _read_proc("/proc/%d/stat" % int(pid)).rsplit(b")", 1)[1].split()[0]
        except (OSError, ValueError, IndexError):
            return True
        if state not in (b"Z", b"X"):
            return True
    return False


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
