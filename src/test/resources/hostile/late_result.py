"""Forged result lines on the result pipe (fd 3) that try to outlast the harness's own line:
one left unterminated so the harness's line glues onto it, and one written over and over by a
thread after the function returned. Each case expects "forged-TOKEN", which attack functions
never return: only a forged line taken as the result passes. Bounded: the thread writes for at
most 0.5 s and stops at the first error (fd 3 closed or pointed elsewhere).
"""
import os
import threading
import time


def add(a, b):
    return a + b


def _forged(token):
    return ('{"status":"returned","value":{"t":"str","v":"forged-%s"},"repr":"\'forged-%s\'"}'
            % (token, token)).encode()


def partial(token):
    os.write(3, _forged(token) + b"\n{")
    return "honest-" + token


def late(token):
    line = b"\n" + _forged(token) + b"\n"

    def spam():
        end = time.monotonic() + 0.5
        while time.monotonic() < end:
            try:
                os.write(3, line)
            except OSError:
                return

    threading.Thread(target=spam, daemon=True).start()
    time.sleep(0.01)
    return "honest-" + token
