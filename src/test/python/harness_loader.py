"""Loads the harness's modules for the tests the way harness.py does: privately, never into
sys.modules (so these tests also check that the package loads on its own)."""

import os

RUNNER = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                       "..", "..", "main", "resources", "dev", "sprout", "runner"))
_boot = {}


def boot():
    """harness.py's namespace, run as a library (not as __main__, so it starts nothing)."""
    if not _boot:
        path = os.path.join(RUNNER, "harness.py")
        with open(path, "rb") as f:
            code = compile(f.read(), path, "exec")
        _boot.update({"__name__": "sprout_harness_boot", "__file__": path})
        exec(code, _boot)
        _boot["load"] = _boot["_loader"](_boot["compile_package"](os.path.join(RUNNER, "harness")))
    return _boot


def module(name):
    """A harness module (e.g. "wire"), loaded once per test run."""
    return boot()["load"](name)
