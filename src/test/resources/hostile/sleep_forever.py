import signal
import time

import hostile_kit


def attack(token):
    # every signal that can be blocked is blocked: only SIGKILL ends this
    signal.pthread_sigmask(signal.SIG_BLOCK, set(signal.Signals) - {signal.SIGKILL, signal.SIGSTOP})
    hostile_kit.report(started=True)
    while True:
        time.sleep(3600)
