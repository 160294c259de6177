import os
import signal
import time

import hostile_kit


def add(a, b):
    return a + b


def kill_parent(token):
    hostile_kit.report(parent=os.getppid())
    os.kill(os.getppid(), signal.SIGKILL)
    time.sleep(1)
    return "parent killed"


def kill_group(token):
    hostile_kit.report(group=os.getpgid(0))
    os.killpg(0, signal.SIGKILL)
    time.sleep(1)
    return "group killed"


def kill_everyone(token, jvm_pid_namespace):
    if not hostile_kit.in_fresh_pid_namespace(jvm_pid_namespace):
        # never risk kill(-1) outside a pid namespace of our own
        hostile_kit.report(skipped="not in a fresh pid namespace")
        return "skipped"
    hostile_kit.report(killing=True)
    os.kill(-1, signal.SIGKILL)
    time.sleep(1)
    return "everyone killed"
