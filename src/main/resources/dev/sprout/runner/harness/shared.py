"""Constants shared by parent and child (limits, fds, caps, signals), and _M: modules loaded on
first use and kept, so later uses never go through sys.modules (which learner code can change).
"""

import math


PROTOCOL = 1


MAX_DEPTH = 50


MAX_ELEMENTS = 10000


REPR_CAP = 1000


REPORT_FILE_CAP = 1 << 20


SIDE_CAP = 1 << 20


RESULT_FD = 3  # in the child


SIDE_FD = 4  # in the child: faulthandler dumps


# Written once to SIDE_FD when the case's stdin reads hit end of input: a program that then runs
# out of time kept asking for answers that were no longer there (a bare except around input()).
INPUT_EXHAUSTED = b"\nsprout: input exhausted\n"


CONTROL_FD = 5  # in the child: the socket to the harness (cases in, "done" out)


DEFAULT_LIMITS = {"cpu_s": 2, "wall_s": 5, "memory_bytes": 512 << 20, "output_bytes": 1 << 20,
                  "file_bytes": 16 << 20, "nproc": 64}


# A child's hard CPU limit is this many times a case's allowance (plus 2 s): it serves cases
# until its CPU time would pass that, then a fresh child takes over.
CHILD_CPU_CASES = 3


# A child whose address space grew by more than this over a case is replaced.
CHILD_GROWTH_CAP = 64 << 20


# A returned value with more text than this (all its str and bytes) is reported as `other`.
VALUE_TEXT_CAP = 4 << 20


# Source files up to this size are read once at load and written into each case folder from
# memory (a learner cannot change what later cases start from); larger ones are copied.
SNAPSHOT_FILE_CAP = 1 << 20


# Signals the harness ignores so learner code cannot stop it with kill(getppid(), ...);
# the JVM ends the harness by closing its stdin, sending "bye", or SIGKILL.
IGNORED_SIGNAL_NAMES = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGTSTP",
                        "SIGTTIN", "SIGTTOU", "SIGVTALRM", "SIGPROF", "SIGXCPU", "SIGPIPE")


# The harness asks a child for its learner's stack with this signal just before a wall timeout.
DUMP_SIGNAL_NAME = "SIGUSR2"


class _Modules(object):
    """Modules the harness loads on first use. Each is looked up once and kept here, so later
    uses never go through sys.modules (which learner code can change)."""

    def __getattr__(self, name):
        module = __import__(name)
        for part in name.split(".")[1:]:
            module = getattr(module, part)
        setattr(self, name, module)
        return module


_M = _Modules()


def _cpu_allowance(limits):
    return max(1, int(math.ceil(float(limits["cpu_s"]))))
