"""The child pool (mixed into session.Harness): the child that serves cases, forking a fresh one
when limits differ, its CPU budget is spent or it retired, and killing stray processes after
a case. ChildHandle is the parent's view of one child.
"""

import io
import math
import os
import sys
import time

from .childloop import ChildServer, _snapshot_holds, _snapshot_shared
from .oshelp import _become_subreaper, _children, _count_user_tasks
from .shared import CHILD_CPU_CASES, _M, _cpu_allowance
from .supervise import _kill_group, _peek_exit, _reap


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


class ChildPool(object):
    """The serving child for session.Harness: reuse it, or fork a fresh one."""

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
            self.shared = (self.generation,) + _snapshot_shared(dict(self.pristine_modules, **self.private_modules))
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
        server = self.postgres.pid if self.postgres is not None else None
        deadline = time.monotonic() + budget_s
        while True:
            killed = False
            if self.libc is not None:
                for pid in _children():
                    if pid != keep and pid != server:
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
                if pid == server:  # the server died (learner code killed it): later cases say so
                    self.postgres.proc.returncode = status
                reaped = True
            if not (killed or reaped) or time.monotonic() > deadline:
                return
            if killed and not reaped:
                time.sleep(0.001)  # SIGKILL is asynchronous: give the dying a moment to become zombies
