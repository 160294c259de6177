"""The worker's long-lived control context: load, facts and preload through harness.py.

Only trusted code runs here: compile() and ast.parse() read the learner's file but never
execute it, and preload imports installed modules only (harness.py skips names the learner's
folder shadows). Learner code runs in a fresh context per case (case_boot.py).
"""
import json
import platform
import sys
import types

_harness = None
_current = None
_scratch = None


def init(harness_text, scratch):
    global _harness, _scratch
    module = types.ModuleType("sprout_harness")
    module.__file__ = "sprout_harness.py"
    sys.modules["sprout_harness"] = module
    exec(compile(harness_text, "sprout_harness.py", "exec"), module.__dict__)
    _harness = module
    _scratch = scratch
    return platform.python_version()


def handle(line):
    global _current
    req = json.loads(line)
    op = req.get("op")
    try:
        if op == "load":
            _current = _harness.Harness(str(req["source"]), _scratch)
            resp = _current.load(req)
        elif _current is None:
            raise ValueError("no file loaded")
        elif op == "facts":
            resp = _current.facts(req)
        elif op == "preload":
            resp = _current.preload(req)
        else:
            raise ValueError("unknown op %r" % (op,))
    except Exception as e:
        resp = {"op": "error", "message": "%s: %s" % (type(e).__name__, e)}
    return json.dumps(resp, ensure_ascii=True, allow_nan=False, separators=(",", ":"))


def loaded():
    """[source dir, entry, the decoded source, or None when it did not compile]"""
    h = _current
    if h is None:
        return [None, None, None]
    return [h.source_dir, h.entry, h.source if h.code is not None else None]


def load_error_result(case_id, kind):
    import time
    return json.dumps(_current.load_error_result(case_id, kind, time.monotonic()), ensure_ascii=True,
                      separators=(",", ":"))


