"""Runs one case of harness.py inside a fresh GraalPy context (see docs/graalpy-worker.md).

GraalPy cannot fork, so the worker JVM gives every case a new context instead of a new process.
This file loads harness.py into that context and drives its Child the way the forked child
does, minus what the JVM does from outside (limits, pipes, signals): prepare_interpreter(),
run_code(), and the same value and exception encoding. Nothing here ever sees expected values.
"""
import builtins
import os
import sys
import types

# harness.py imports these at its top, but the case path never (or only on an exception) uses
# them; in interpreted GraalPy each costs 20-400 ms per fresh context, so they load on first use.
_LAZY = ("base64", "faulthandler", "fcntl", "resource", "selectors", "shutil", "tokenize", "traceback",
         "linecache", "signal", "json", "re")


class _Lazy(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if self.__name__ == "signal" and name.startswith("SIG"):
            return -1  # only IGNORED_SIGNALS reads these at import; nothing here sends signals
        if self.__name__ == "re" and name == "compile":
            return _LazyPattern  # harness.py compiles one pattern at import, for timeouts we report from Java
        real = _real(self.__name__)
        return getattr(real, name)


class _LazyPattern(object):
    def __init__(self, *args):
        self._args = args
        self._pattern = None

    def __getattr__(self, name):
        if self._pattern is None:
            self._pattern = _real("re").compile(*self._args)
        return getattr(self._pattern, name)


def _real(name):
    module = sys.modules.get(name)
    if module is None or isinstance(module, _Lazy):
        sys.modules.pop(name, None)
        module = __import__(name)
    return module


def _load_harness(text):
    stubs = {}
    for name in _LAZY:
        if name not in sys.modules:
            stubs[name] = sys.modules[name] = _Lazy(name)
    try:
        harness = types.ModuleType("sprout_harness")
        harness.__file__ = "sprout_harness.py"
        exec(compile(text, "sprout_harness.py", "exec"), harness.__dict__)
    finally:
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]
    return harness


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


def load(harness_text, scratch_dir):
    """What every case needs (harness.py, exit(), stdio), done before the case is known: the
    worker prepares the next context while the current case runs. Returns prepare()."""
    harness = _load_harness(harness_text)
    _install_exit()
    _stdio()

    def prepare(request_json, source, entry, case_dir):
        """The case's own set-up, before learner code: returns the function that runs it."""
        return _prepare(harness, request_json, source, entry, case_dir, scratch_dir)

    return prepare


def _prepare(harness, request_json, source, entry, case_dir, scratch_dir):
    req = eval(request_json, dict(_LITERALS))
    kind = req.get("kind")
    if kind not in ("call", "expr", "run"):
        raise ValueError("GraalPy runs call, expr and run cases; %r cases need CPython" % (kind,))
    limits = dict(harness.DEFAULT_LIMITS)
    limits.update({k: v for k, v in (req.get("limits") or {}).items() if v is not None})
    h = harness.Harness(case_dir, scratch_dir)
    h.entry = os.path.normpath(entry)
    h.module_name = os.path.splitext(os.path.basename(h.entry))[0]
    h.source = source
    h.lines = source.splitlines(True)
    h.code = compile(source, h.entry, "exec", dont_inherit=True)
    inputs = {}
    if kind == "call":
        if not isinstance(req.get("function"), str):
            raise ValueError("a call case needs a function name")
        inputs["args"] = [harness.decode_value(a) for a in (req.get("args") or [])]
        inputs["kwargs"] = dict((str(k), harness.decode_value(v)) for k, v in (req.get("kwargs") or {}).items())
    elif kind == "expr":
        inputs["expr"] = compile(str(req.get("expression") or ""), "<expr>", "eval", dont_inherit=True)
    h.pristine_modules = dict(sys.modules)
    h.pristine_path = [p for p in sys.path if p]
    child = harness.Child(h, req, kind, limits, case_dir, inputs, (None,) * 5)
    child.stdout, child.stderr = sys.stdout, sys.stderr
    os.chdir(case_dir)
    child.prepare_interpreter()
    dumps = _dumps

    def run():
        try:
            result = child.run_code()
        except MemoryError as e:
            result = child.memory_exhausted(e)
            e = None
        for stream in (sys.stdout, sys.stderr, child.stdout, child.stderr):
            try:
                stream.flush()
            except BaseException:
                pass
        if result is None:
            result = {"status": "memory-limit", "exception": {"type": "MemoryError", "mro": ["MemoryError",
                      "Exception", "BaseException"], "message": "", "line": None, "file": None, "text": None,
                      "offset": None, "traceback": "MemoryError"}}
        return dumps(result)

    return run


load
