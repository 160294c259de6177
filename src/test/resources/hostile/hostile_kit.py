"""Shared by the hostile fixtures: how they report what they managed, and their safety checks.

A fixture prints one line, HOSTILE-REPORT {json}, before it misbehaves; the Java test reads it
from the verdict's output. Every report carries the fixture's pid namespace, so the test can
also look for leftovers by namespace.
"""
import json
import os
import sys

MARK = "HOSTILE-REPORT "


def pid_namespace():
    try:
        return os.readlink("/proc/self/ns/pid")
    except OSError as e:
        return "unknown (%s)" % type(e).__name__


def in_fresh_pid_namespace(jvm_namespace):
    """True only when this process provably lives in another pid namespace than the JVM."""
    mine = pid_namespace()
    return mine.startswith("pid:[") and jvm_namespace.startswith("pid:[") and mine != jvm_namespace


def nproc_soft_limit():
    import resource
    soft, _hard = resource.getrlimit(resource.RLIMIT_NPROC)
    return -1 if soft == resource.RLIM_INFINITY else soft


def harness_dirs(pid="self"):
    """(SOURCE_DIR, SCRATCH_DIR) of a harness process, or of this fork of one: the harness's last
    two command-line arguments, however it was started (docs/harness-protocol.md)."""
    with open("/proc/%s/cmdline" % pid, "rb") as f:
        argv = [a.decode("utf-8", "replace") for a in f.read().split(b"\0") if a]
    if len(argv) < 3 or "python" not in os.path.basename(argv[0]):
        return None, None
    return argv[-2], argv[-1]


def report(**findings):
    findings["pidns"] = pid_namespace()
    sys.stdout.write(MARK + json.dumps(findings, sort_keys=True) + "\n")
    sys.stdout.flush()


def outcome(action):
    """'ok: <result>' or the exception's type and message, never raising."""
    try:
        return "ok: %s" % (action(),)
    except BaseException as e:  # noqa: B036 - a fixture must report, whatever happened
        return "%s: %s" % (type(e).__name__, e)
