"""A forged result line on the result pipe (fd 3), then an unterminated one, so that the
harness's own line would glue onto the junk and no longer parse. The case expects
"forged-TOKEN", which partial() never returns: only the forged line taken as the result passes.
"""
import os


def add(a, b):
    return a + b


def _forged(token):
    return ('{"status":"returned","value":{"t":"str","v":"forged-%s"},"repr":"\'forged-%s\'"}'
            % (token, token)).encode()


def partial(token):
    os.write(3, _forged(token) + b"\n{")
    return "honest-" + token


def _keep_forging(token, seconds):
    """Writes forged result lines on fd 3 in a tight loop for a bounded time."""
    import time
    line = b"\n" + _forged(token) + b"\n"
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            os.write(3, line)
        except OSError:
            return


def thread_forger(token):
    """A daemon thread keeps writing forged lines while, and after, the function returns."""
    import threading
    threading.Thread(target=_keep_forging, args=(token, 2.0), daemon=True).start()
    return "honest-" + token


def process_forger(token):
    """A forked process keeps writing forged lines for a while, then exits by itself."""
    pid = os.fork()
    if pid == 0:
        try:
            _keep_forging(token, 2.0)
        finally:
            os._exit(0)
    return "honest-" + token


def idle_daemon(token):
    """Honest but careless: a daemon thread that only waits is still running at return."""
    import threading
    import time
    threading.Thread(target=time.sleep, args=(3,), daemon=True).start()
    return "honest-" + token


def waits_for_its_processes(token):
    """Honest: subprocess.run and os.system wait for the process they start."""
    import subprocess
    subprocess.run(["true"], check=True)
    if os.system("true") != 0:
        return "os.system failed"
    return "honest-" + token
