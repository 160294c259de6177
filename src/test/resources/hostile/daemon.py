import os
import sys

import hostile_kit

SLEEPER = "import time\nfor _ in range(300):\n    time.sleep(0.1)\n"


def spawn(token):
    """Double fork: the grandchild leaves the session and becomes a python sleeping 30 s."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.setsid()
        if os.fork() != 0:
            os._exit(0)
        os.close(r)
        os.write(w, str(os.getpid()).encode())
        os.close(w)
        os.execv(sys.executable, [sys.executable, "-c", SLEEPER, token])
    os.close(w)
    os.waitpid(pid, 0)
    daemon = int(os.read(r, 32) or b"0")
    hostile_kit.report(daemon=daemon)
    return daemon


def spawn_chain(token):
    """Eight daemons, each in a session of its own and each the parent of the next: killing the
    top one orphans the next, so whoever adopts orphans must keep killing until none is left."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        for _level in range(7):
            os.setsid()
            if os.fork() != 0:
                os.close(w)
                os.execv(sys.executable, [sys.executable, "-c", SLEEPER, token])
        os.setsid()
        os.write(w, b"deepest")  # written once the whole chain exists
        os.close(w)
        os.execv(sys.executable, [sys.executable, "-c", SLEEPER, token])
    os.close(w)
    ready = os.read(r, 16)
    hostile_kit.report(chain=ready.decode())
    return 8


def check(token):
    """Another case: is a daemon of the first case (its token in its command line) still running?"""
    alive = []
    for pid in os.listdir("/proc"):
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                if token.encode() in f.read().split(b"\0") and int(pid) != os.getpid():
                    alive.append(int(pid))
        except (OSError, ValueError):
            pass
    hostile_kit.report(alive=alive)
    return bool(alive)
