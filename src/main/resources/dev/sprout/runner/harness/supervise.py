"""The parent's side of one case (Supervisor): hands the request and five new pipes to the
child, writes stdin, reads stdout/stderr/result/dump with caps, enforces the wall deadline,
reaps the child (status, CPU, RSS) and turns all that into one result.
"""

import os
import sys
import time

from .case import untrusted_result
from .errors import _where
from .oshelp import _close_quietly
from .shared import DUMP_SIGNAL_NAME, INPUT_EXHAUSTED, SIDE_CAP, _M, _cpu_allowance
from .wire import _dumps, _loads


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
        result_eof = False
        if self.done is not None:
            self.elapsed_ms = int(round((time.monotonic() - self.started) * 1000))
            for fd in (out_r, err_r, res_r, side_r):
                eof = _drain_into(fd, bufs[fd], caps[fd], over)
                if fd == res_r:
                    result_eof = eof
            if over[out_r] or over[err_r]:
                reason = "output-limit"
        else:
            _kill_group(c.pid)
            status, rusage = c.reap()
            self.elapsed_ms = int(round((time.monotonic() - self.started) * 1000))
            for fd in (out_r, err_r, res_r, side_r):
                eof = _drain_into(fd, bufs[fd], caps[fd], over)
                if fd == res_r:
                    result_eof = eof
        if (over[out_r] or over[err_r]) and reason is None:
            reason = "output-limit"
        self.fed_all = not stdin_view
        # The child closes its result fd once its result is written, before "done" (or its
        # exit). No end of file then means another process still holds the pipe (one learner code
        # forked): it could have written after the child, so no line on it is trusted.
        untrusted = self.done.get("untrusted") if self.done is not None else None
        if untrusted not in ("thread", "process"):
            untrusted = None if result_eof else "process"
        out = self.explain(reason, status, rusage, bufs, over, out_r, err_r, res_r, side_r, untrusted)
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

    def explain(self, reason, status, rusage, bufs, over, out_r, err_r, res_r, side_r, untrusted=None):
        out = {"status": None}
        result = _parse_result(bytes(bufs[res_r]))
        if reason is not None:
            out["status"] = reason
        elif untrusted is not None:
            out.update(untrusted_result(untrusted))
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
            if INPUT_EXHAUSTED in bufs[side_r]:
                out["input_exhausted"] = True
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
    _append_capped(fd, buf, chunk, cap, over)
    return True


def _drain_into(fd, buf, cap, over):
    """Reads what is there; True when the pipe reached its end (every writer closed it)."""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except InterruptedError:
            continue
        except OSError:
            return False
        if not chunk:
            return True
        _append_capped(fd, buf, chunk, cap, over)


def _append_capped(fd, buf, chunk, cap, over):
    """Appends chunk to buf up to cap bytes; what does not fit is dropped and over[fd] set."""
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
    """The last complete line that is a result: the child writes its own last, starting with a
    newline (Child.finish), so learner junk before it never glues onto it; bytes after the last
    newline are a line nobody finished, so they never count."""
    for line in reversed(data[:data.rfind(b"\n") + 1].split(b"\n")):
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
