import os
import time

import hostile_kit

MAX_CHILDREN = 500


def attack(token, jvm_pid_namespace):
    fresh = hostile_kit.in_fresh_pid_namespace(jvm_pid_namespace)
    nproc = hostile_kit.nproc_soft_limit()
    if not fresh and not (0 < nproc <= 4096):
        hostile_kit.report(skipped="no fresh pid namespace and no low RLIMIT_NPROC", nproc=nproc)
        return "skipped"
    forked, error = 0, None
    deadline = time.monotonic() + 1.0
    while forked < MAX_CHILDREN and time.monotonic() < deadline:
        try:
            pid = os.fork()
        except OSError as e:
            error = "%s: %s" % (type(e).__name__, e)
            break
        if pid == 0:
            time.sleep(2)
            os._exit(0)
        forked += 1
    hostile_kit.report(forked=forked, error=error, nproc=nproc, fresh=fresh)
    return forked
