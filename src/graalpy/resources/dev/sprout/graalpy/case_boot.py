"""Runs one case of the harness inside a fresh GraalPy context (see docs/graalpy-worker.md).

GraalPy cannot fork, so the worker JVM gives every case a new context instead of a new process.
This file loads the harness's api module into that context (privately, as control.py does) and
runs the case through it the way the forked child does, minus what the JVM does from outside
(limits, pipes, signals): the same preparation, value and exception encoding. Nothing here ever
sees expected values.
"""
import builtins
import sys


def _load_harness(case_codes):
    """The harness's api module, from the code the control context compiled once (control.py's
    case_codes: harness.py and the modules api imports, marshalled). Unmarshalling is a fraction
    of compiling the sources again, which GraalPy's source cache does not reliably spare a new
    context. The harness's modules import only cheap modules at their top (the rest through
    shared._M, on first use), so nothing heavy is imported here."""
    import marshal
    codes = marshal.loads(case_codes.encode("latin-1"))
    boot = {"__name__": "sprout_harness_boot"}
    exec(codes["harness"], boot)
    return boot["_loader"](codes)("api")


def _install_exit():
    """GraalPy starts without `site`, which is what defines exit() and quit() in CPython."""
    if hasattr(builtins, "exit") and hasattr(builtins, "quit"):
        return
    try:
        from _sitebuiltins import Quitter
        builtins.exit = Quitter("exit", "Ctrl-D (i.e. EOF)")
        builtins.quit = Quitter("quit", "Ctrl-D (i.e. EOF)")
    except ImportError:
        def exit(code=None):
            raise SystemExit(code)
        builtins.exit = builtins.quit = exit


def _stdio():
    # as the harness's child: UTF-8, unbuffered output, so what was printed before a kill is kept
    try:
        sys.stdin.reconfigure(encoding="utf-8", errors="replace")
        sys.stdout.reconfigure(encoding="utf-8", errors="replace", write_through=True)
        sys.stderr.reconfigure(encoding="utf-8", errors="backslashreplace", write_through=True)
    except (AttributeError, ValueError):
        pass


# json imports re, and re imports enum: 100-400 ms per context. The request is JSON that
# Jackson wrote in the worker (no "\/" escapes), which is also a Python literal.
_LITERALS = {"__builtins__": {}, "true": True, "false": False, "null": None}
_ESCAPES = dict((i, "\\u%04x" % i) for i in range(32))
_ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\"})


def _dumps(value):
    """json.dumps for the result: dicts with str keys, lists, str, int, float, bool, None."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return '"' + value.translate(_ESCAPES) + '"'
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return float.__repr__(value)
    if isinstance(value, dict):
        return "{" + ",".join(_dumps(str(k)) + ":" + _dumps(v) for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_dumps(v) for v in value) + "]"
    return _dumps(str(value))


def load(case_codes, scratch_dir):
    """What every case needs (the harness, exit(), stdio), done before the case is known: the
    worker prepares the next context while the current case runs. Returns prepare()."""
    harness = _load_harness(case_codes)
    _install_exit()
    _stdio()

    def prepare(request_json, source, entry, case_dir):
        """The case's own set-up, before learner code: returns the function that runs it."""
        return _prepare(harness, request_json, source, entry, case_dir, scratch_dir)

    return prepare


def _prepare(api, request_json, source, entry, case_dir, scratch_dir):
    req = eval(request_json, dict(_LITERALS))
    child = api.prepare_case(req, source, entry, case_dir, scratch_dir)
    dumps = _dumps

    def run():
        return dumps(api.run_case(child))

    return run


load
