import os

import hostile_kit


def _harness_of(source):
    """The pid and scratch dir of the harness whose SOURCE_DIR is `source`, if this process can
    see it in /proc."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            theirs, scratch = hostile_kit.harness_dirs(pid)
        except OSError:
            continue
        if theirs == source:
            return int(pid), scratch
    return None, None


def _read_all(source):
    sizes = 0
    for name in os.listdir(source):
        with open(os.path.join(source, name), "rb") as f:
            sizes += len(f.read())
    return "%d bytes" % sizes


def _environ(pid):
    with open("/proc/%d/environ" % pid, "rb") as f:
        return "%d bytes" % len(f.read())


def _plant(scratch, token):
    with open(os.path.join(scratch, "planted-" + token), "w") as f:
        f.write("planted by another submission\n")
    return "created"


def attack(token, victim_source):
    """Another submission is being graded beside this one: read its files, write into its
    scratch dir, read its environment, and check whether its harness could be signalled
    (signal 0 checks the permission and kills nothing)."""
    pid, scratch = _harness_of(victim_source)
    found = {"victim_seen": pid is not None,
             "read_source": hostile_kit.outcome(lambda: _read_all(victim_source))}
    if pid is not None:
        found["environ"] = hostile_kit.outcome(lambda: _environ(pid))
        found["plant"] = hostile_kit.outcome(lambda: _plant(scratch, token))
        found["signal"] = hostile_kit.outcome(lambda: os.kill(pid, 0))
    hostile_kit.report(**found)
    return "looked next door"
