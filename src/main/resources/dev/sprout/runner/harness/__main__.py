"""The harness's start: main() sets the sandbox-wide backstops, site on demand, signal
dispositions and the wakeup fd, then serves requests until "bye" or end of input.

harness.py (beside this folder) loads these modules privately and calls main(). Where things are:

    wire            JSON lines without importing json (the C _json codec)
    loop            the request loop and its dispatch table (OPS)
    session         Harness: the state of one submission; hello, load, facts, preload, case
    casedir         case folders: the source snapshot, each case's folder, report_files, cleanup
    pool            the child pool: the child serving cases, forking a fresh one, stray processes
    supervise       the parent's side of one case: pipes, limits, deadline, reaping, the result
    childloop       the forked child's loop: cases one after another, snapshot/restore, audit
    case            one case in the child: fresh module, exec, call/expr/run/http, the report
    values          type-tagged values: encode (with caps) and decode
    errors          exceptions and stack frames: the learner's frames, `where` from a dump
    facts           source facts (ast): calls, imports, constructs, definitions, names
    httpcases       HTTP cases: a WSGI server and the client requests
    testcases       tests cases: the learner's tests under pytest, or a small runner of our own
    scenario        scenario cases: steps in one namespace, each observed on its own
    oshelp          OS helpers: fds, /proc, rlimits, signals, libc (prctl)
    site_on_demand  exit()/quit()/help and site-packages on first need when started with -S
    shared          constants (limits, fds, caps) and _M, the lazily imported modules
    api             what the GraalPy worker uses (its declared interface)

Python 3.8+ and the standard library only. Start-up is paid once per submission, so modules
import only what every run needs; the rest loads on first use (shared._M).
"""

import os
import sys

from .oshelp import _backstop_limits, _become_subreaper, _ignored_signals, _on_sigchld
from .session import Harness
from .shared import _M
from .site_on_demand import _site_on_demand
from .wire import _codec


def main(argv, codes=None, modules=None):
    _backstop_limits()
    if len(argv) != 3:
        sys.stderr.write("usage: python3 -I -B harness.py SOURCE_DIR SCRATCH_DIR\n")
        return 2
    _site_on_demand()
    signal = _M._signal
    for sig in _ignored_signals():
        try:
            signal.signal(sig, signal.SIG_IGN)
        except (OSError, ValueError):
            pass
    if hasattr(signal, "pthread_sigmask"):
        # a JVM may start us with signals blocked: SIGCHLD must reach the wakeup fd, and
        # children (and learner code) must start with the mask a shell would give them
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
    harness = Harness(argv[1], argv[2])
    harness.codes = codes
    # compared after each case like the modules in sys.modules: learner code that reaches one
    # (through an object the harness left in its way) and changes it retires its child
    harness.private_modules = dict((m.__name__, m) for m in (modules or {}).values())
    if os.environ.get("SPROUT_SUBREAPER") == "1":
        harness.subreaper_tried = True
        harness.libc = _become_subreaper(True)
    # What children use, looked up once (see _Modules) so it is in place before any fork.
    for name in ("select", "resource", "faulthandler", "_socket", "binascii", "_warnings",
                 "atexit", "_locale"):
        getattr(_M, name)
    _codec()
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    harness.wake_r = wake_r
    signal.set_wakeup_fd(wake_w, warn_on_full_buffer=False)
    signal.signal(signal.SIGCHLD, _on_sigchld)
    if "collections" in sys.modules:
        # Importing a submodule binds it in its package. The first exception a child describes
        # imports traceback, which imports collections.abc: left to the child, that changed the
        # shared `collections`, so every case that raised retired its child and the next case
        # forked afresh and imported traceback again (~15 ms a case). Bound here once, before
        # any fork (and before any learner code), a learner's `import collections.abc` is free too.
        import collections.abc  # noqa: F401
    harness.pristine_modules = dict(sys.modules)
    harness.take_channel()
    return harness.serve()
