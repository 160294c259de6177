"""The worker's long-lived control context: load, facts and preload, case folders, report_files
and the learner's frame after a timeout, all through the harness's api module.

Only trusted code runs here: compile() and ast.parse() read the learner's file but never
execute it, and preload imports installed modules only (the harness skips names the learner's
folder shadows). Learner code runs in a fresh context per case (case_boot.py).
"""
import json
import marshal
import platform

_api = None
_current = None
_scratch = None
_case_codes = None


def harness_api(bundle):
    """The harness's api module, loaded privately (never into sys.modules) from the worker's
    bundle of harness.py and its package, harness.py first (see harness.load_bundle); and the
    code every case context needs, marshalled: harness.py's and that of the modules api loaded."""
    _name, _, text = bundle.split("\0", 2)[1].partition("\n")
    boot = {"__name__": "sprout_harness_boot"}
    exec(compile(text, "sprout_harness/harness.py", "exec"), boot)
    codes = boot["compile_bundle"](bundle)
    load = boot["_loader"](codes)
    api = load("api")
    needed = dict((name, codes[name]) for name in load.modules)
    needed["harness"] = codes["harness"]
    return api, marshal.dumps(needed).decode("latin-1")


def init(bundle, scratch):
    global _api, _scratch, _case_codes
    _api, _case_codes = harness_api(bundle)
    _scratch = scratch
    return platform.python_version()


def case_codes():
    """What case_boot.load() takes: the case path's compiled harness, marshalled (bytes as latin-1
    text). Compiling it in every fresh context cost more than the context itself (see
    docs/graalpy-worker.md)."""
    return _case_codes


def handle(line):
    global _current
    req = json.loads(line)
    op = req.get("op")
    try:
        if op == "load":
            _current = _api.new_harness(str(req["source"]), _scratch)
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




def fill_case_dir(source_dir, case_dir, files_json):
    """Fills the (empty) case folder: the submission's files as loaded, then the case's own. A
    folder that is not the loaded submission's (the worker's warm-up) is read as it is now."""
    h = _current if _current is not None and _current.source_dir == source_dir else _api.new_harness(source_dir, _scratch)
    _api.fill_case_dir(h, case_dir, json.loads(files_json))


def report_files(case_dir, names_json):
    return json.dumps(_api.report_files(case_dir, json.loads(names_json)), ensure_ascii=True,
                      separators=(",", ":"))


def where(case_dir, frames_json):
    """`where` (JSON, or "null") from the cancelled case's guest frames, innermost first."""
    return json.dumps(_api.where(_current, case_dir, json.loads(frames_json)), ensure_ascii=True,
                      separators=(",", ":"))
