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
