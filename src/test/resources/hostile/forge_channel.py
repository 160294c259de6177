"""Forges the harness's reply to the JVM through every descriptor of its ancestors that /proc
lets it reopen: bubblewrap's pid 1 (which kept the JVM's stdio pipes), the harness, and on up.

The case that calls attack() expects "forged-TOKEN", a value learner code knows (it is what the
forged reply claims): only a forged reply accepted by the JVM can make it pass, since attack()
itself returns something else. Bounded: at most 8 ancestors and 64 descriptors each, one write
of one line into each; /proc/1 is only touched inside a fresh pid namespace (there it is
bubblewrap's init, not the machine's).
"""
import os

import hostile_kit


def add(a, b):
    return a + b


def _parent_of(pid):
    with open("/proc/%d/stat" % pid) as f:
        return int(f.read().rsplit(")", 1)[1].split()[1])


def _ancestors(jvm_namespace):
    chain = []
    pid = os.getppid()
    fresh = hostile_kit.in_fresh_pid_namespace(jvm_namespace)
    while pid > 1 and len(chain) < 8:
        chain.append(pid)
        try:
            pid = _parent_of(pid)
        except (OSError, ValueError, IndexError):
            break
    if fresh:
        chain.append(1)
    return chain


def _targets(pid):
    try:
        fds = sorted(os.listdir("/proc/%d/fd" % pid), key=int)[:64]
    except OSError as e:
        return None, "%s: %s" % (type(e).__name__, e)
    return fds, None


def attack(token, case_id, jvm_namespace):
    line = ('\n{"op":"result","id":"%s","status":"returned","value":{"t":"str","v":"forged-%s"},'
            '"repr":"\'forged-%s\'","stdout":"","stderr":"","stdout_truncated":false,'
            '"stderr_truncated":false,"files":{},"elapsed_ms":1}\n' % (case_id, token, token)).encode()
    found = {}
    for pid in _ancestors(jvm_namespace):
        fds, problem = _targets(pid)
        if fds is None:
            # a listing refused still leaves 0..2 to try by name (a non-dumpable process refuses both)
            found["%d/listing" % pid] = problem
            fds = ["0", "1", "2"]
        for fd in fds:
            def attempt(pid=pid, fd=fd):
                w = os.open("/proc/%d/fd/%s" % (pid, fd), os.O_WRONLY | os.O_NONBLOCK)
                try:
                    return os.write(w, line)
                finally:
                    os.close(w)
            found["%d/%s" % (pid, fd)] = hostile_kit.outcome(attempt)
    found["pid1_is_ours"] = hostile_kit.in_fresh_pid_namespace(jvm_namespace)
    hostile_kit.report(**found)
    return "honest-" + token
