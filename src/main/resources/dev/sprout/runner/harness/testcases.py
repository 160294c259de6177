"""Tests cases (kind "tests"): the learner's file is a test file; run its tests against the
module the case folder holds (the exercise's module, or one of the grader's mutants, written
there by Java as a case file) and report each test's outcome. Java decides what that means.

With pytest importable (never the learner's own pytest.py) the tests run under pytest,
in-process, with a plugin collecting the reports. Without it, a small runner of its own
collects what pytest would (module-level functions named test*, classes named Test* without
__init__, unittest.TestCase subclasses) and runs them with plain `assert`, beside a stand-in
`pytest` module offering raises, approx, fail, skip, mark.parametrize, param and fixture
(function-scoped, yield fixtures, and tmp_path). The same runner
serves the GraalPy worker (api.run_case).
"""

import os
import sys

MESSAGE_CAP = 600  # a failed test's message, as reported
ERROR_CAP = 2000  # a collection error's text
MAX_RESULTS = 500  # tests reported; the rest are counted in "more"


def run_tests(child):
    """The case's result: {"status": "returned", "tests": {...}} (docs/harness-protocol.md)."""
    pytest = None if (child.req.get("tests") or {}).get("runner") == "builtin" else _import_pytest(child)
    if pytest is not None:
        report = _run_pytest(pytest, child)
    else:
        report = _run_builtin(child)
    # paths inside the case folder read as the learner's own files do: relative
    here = child.case_dir + os.sep
    if report.get("error"):
        report["error"] = report["error"].replace(here, "")
    for result in report["results"]:
        result["message"] = result["message"].replace(here, "")
    results = report["results"]
    if len(results) > MAX_RESULTS:
        report["more"] = len(results) - MAX_RESULTS
        report["results"] = results[:MAX_RESULTS]
    return {"status": "returned", "tests": report}


def _import_pytest(child):
    """pytest as installed, or None: the case folder is off the path while it is imported."""
    saved = list(sys.path)
    sys.path[:] = [p for p in sys.path if p != child.case_dir and p]
    try:
        import pytest
        return pytest
    except Exception:
        sys.modules.pop("pytest", None)
        return None
    finally:
        sys.path[:] = saved


def _cap(text, cap=MESSAGE_CAP):
    text = str(text)
    return text if len(text) <= cap else text[:cap] + "..."


# ---- pytest ----------------------------------------------------------------------------------

class _Collector(object):
    """A pytest plugin: one entry per test (its worst phase wins), and collection errors."""

    def __init__(self, entry):
        self.entry = entry
        self.results = []
        self.by_id = {}
        self.errors = []

    def pytest_collectreport(self, report):
        if report.failed:
            self.errors.append(_collection_error(report.longreprtext, self.entry))

    def pytest_runtest_logreport(self, report):
        entry = self.by_id.get(report.nodeid)
        if entry is None:
            name = report.nodeid.split("::", 1)[-1].replace("::", ".")
            entry = {"name": name, "outcome": "passed", "message": "", "line": None}
            self.by_id[report.nodeid] = entry
            self.results.append(entry)
        if report.failed and entry["outcome"] != "failed":
            entry["outcome"] = "failed"
            entry["message"], entry["line"] = self.crash(report)
        elif report.skipped and entry["outcome"] == "passed":
            entry["outcome"] = "skipped"

    def crash(self, report):
        crash = getattr(report.longrepr, "reprcrash", None)
        if crash is None:
            return _cap(getattr(report, "longreprtext", "") or "failed"), None
        line = None
        if os.path.basename(str(crash.path)) == os.path.basename(self.entry):
            line = crash.lineno
        return _cap(crash.message), line


def _collection_error(text, entry):
    """pytest's text for a test file that failed to import, from the learner's own frame on (its
    frames into importlib and its advice on module names say nothing to a beginner)."""
    lines = str(text).splitlines()
    for i, line in enumerate(lines):
        if line.startswith(entry + ":"):
            lines = lines[i:]
            break
    return _cap("\n".join(lines), ERROR_CAP)


def _run_pytest(pytest, child):
    entry = child.h.entry
    collector = _Collector(entry)
    # installed plugins and the learner's conftest.py/pytest.ini stay out: only the test file counts
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    args = ["-q", "-p", "no:cacheprovider", "-p", "no:faulthandler", "--noconftest",
            "-c", os.devnull, "--rootdir", child.case_dir, "--tb=short", "-W", "ignore", entry]
    code = pytest.main(args, plugins=[collector])
    report = {"runner": "pytest", "results": collector.results}
    if collector.errors:
        report["error"] = collector.errors[0]
    elif int(code) not in (0, 1, 5):
        report["error"] = "pytest stopped (exit code %d)" % int(code)
    return report


# ---- the built-in runner ---------------------------------------------------------------------

class Failed(AssertionError):
    """pytest.fail() and a pytest.raises() that saw nothing raised."""


class Skipped(Exception):
    """pytest.skip(), and a test marked skip."""


def _run_builtin(child):
    sys.modules["pytest"] = _stand_in(child)
    try:
        child.exec_module()
    except MemoryError:
        raise
    except BaseException as e:
        error = child.describe(e)
        e = None
        return {"runner": "builtin", "results": [], "error": _cap(error.get("traceback") or error["type"], ERROR_CAP)}
    # the unittest the test file imported (the child's own import of it would be another module)
    unittest = sys.modules.get("unittest")
    results = []
    fixtures = dict((getattr(obj, "_sprout_fixture"), obj) for obj in child.module.__dict__.values()
                    if callable(obj) and isinstance(getattr(obj, "_sprout_fixture", None), str))
    for name, obj in list(child.module.__dict__.items()):
        if isinstance(obj, type):
            if unittest is not None and issubclass(obj, unittest.TestCase):
                if obj is not unittest.TestCase and getattr(obj, "__test__", True):
                    results.extend(_run_unittest(child, unittest, obj))
            elif name.startswith("Test") and "__init__" not in obj.__dict__ and getattr(obj, "__test__", True):
                for method in [m for m in dir(obj) if m.startswith("test")]:
                    if callable(getattr(obj, method, None)):
                        results.extend(_run_function(child, name + "." + method, None, obj, method, fixtures))
        elif name.startswith("test") and callable(obj) and type(obj).__name__ == "function" \
                and getattr(obj, "__test__", True) and not getattr(obj, "_sprout_fixture", None):
            results.extend(_run_function(child, name, obj, None, None, fixtures))
    return {"runner": "builtin", "results": results}


def _run_function(child, name, fn, cls, method, fixtures):
    """One collected function (or method of a Test* class), once per parametrize combination."""
    target = fn if fn is not None else getattr(cls, method)
    target = getattr(target, "__func__", target)
    runs = [("", {})]
    for argnames, values in reversed(getattr(target, "_sprout_parametrize", [])):
        expanded = []
        for suffix, kwargs in runs:
            for i, value in enumerate(values):
                one = dict(kwargs)
                if len(argnames) == 1:
                    one[argnames[0]] = value
                    ident = _id(value, argnames[0], i)
                else:
                    one.update(zip(argnames, value))
                    ident = "-".join(_id(v, n, i) for n, v in zip(argnames, value))
                expanded.append((suffix + ("-" if suffix else "") + ident, one))
        runs = expanded
    code = getattr(target, "__code__", None)
    wanted = list(code.co_varnames[:code.co_argcount]) if code is not None else []
    if cls is not None and wanted:
        wanted = wanted[1:]
    results = []
    for suffix, kwargs in runs:
        result = {"name": name + ("[%s]" % suffix if suffix else ""), "outcome": "passed", "message": "",
                  "line": None}
        if getattr(target, "_sprout_skip", False):
            result["outcome"] = "skipped"
            results.append(result)
            continue
        teardowns = []
        kwargs = dict(kwargs)
        try:
            cache = {}
            for arg in wanted:
                if arg not in kwargs:
                    kwargs[arg] = _fixture(arg, fixtures, cache, teardowns, [])
            if cls is not None:
                getattr(cls(), method)(**kwargs)
            else:
                fn(**kwargs)
        except Skipped:
            result["outcome"] = "skipped"
        except MemoryError:
            raise
        except BaseException as e:
            result["outcome"] = "failed"
            result["message"], result["line"] = _failure(child, e)
            e = None
        for gen in reversed(teardowns):  # a yield fixture's code after its yield
            try:
                next(gen)
            except StopIteration:
                pass
            except MemoryError:
                raise
            except BaseException as e:
                if result["outcome"] != "failed":
                    result["outcome"] = "failed"
                    result["message"], result["line"] = _failure(child, e)
                e = None
        results.append(result)
    return results


class FixtureNotFound(Exception):
    pass


def _fixture(name, fixtures, cache, teardowns, chain):
    """A fixture's value for one test: module-level @pytest.fixture functions (function scope,
    `yield` fixtures, fixtures using fixtures) and tmp_path."""
    if name in cache:
        return cache[name]
    if name == "tmp_path" and name not in fixtures:
        import pathlib
        import tempfile
        value = pathlib.Path(tempfile.mkdtemp(prefix="tmp_path-"))
    else:
        fn = fixtures.get(name)
        if fn is None or name in chain:
            raise FixtureNotFound("fixture '%s' not found (sprout's runner, used where pytest is not installed, "
                                  "knows your @pytest.fixture functions and tmp_path)" % name)
        code = fn.__code__
        args = dict((a, _fixture(a, fixtures, cache, teardowns, chain + [name]))
                    for a in code.co_varnames[:code.co_argcount])
        value = fn(**args)
        if type(value).__name__ == "generator":
            gen = value
            value = next(gen)
            teardowns.append(gen)
    cache[name] = value
    return value


def _id(value, argname, i):
    if isinstance(value, (int, float, str, bool)) or value is None:
        text = str(value)
        return text if len(text) <= 30 else "%s%d" % (argname, i)
    return "%s%d" % (argname, i)


def _failure(child, e):
    """A failed test's message, as pytest would start it, and its line in the test file."""
    error = child.describe(e)
    line = error.get("line") if error.get("file") == child.h.entry else None
    if isinstance(e, AssertionError) and not isinstance(e, Failed):
        message = error.get("message") or ""
        text = error.get("text") or "assert ..."
        message = "AssertionError: %s" % message if message else text
    elif isinstance(e, Failed):
        message = "Failed: %s" % error.get("message")
    else:
        message = "%s: %s" % (error["type"], error.get("message") or "")
    return _cap(message), line


def _run_unittest(child, unittest, cls):
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(cls)
    tests = list(suite)  # a suite lets go of its tests as it runs them
    outcome = unittest.TestResult()
    suite.run(outcome)
    failures = {}
    for test, _ in outcome.failures + outcome.errors:
        failures.setdefault(test.id(), test)
    skipped = set(test.id() for test, _ in outcome.skipped)
    results = []
    for test in tests:
        result = {"name": "%s.%s" % (cls.__name__, test.id().rsplit(".", 1)[-1]), "outcome": "passed",
                  "message": "", "line": None}
        if test.id() in failures:
            result["outcome"] = "failed"
            result["message"], result["line"] = _unittest_failure(child, outcome, test)
        elif test.id() in skipped:
            result["outcome"] = "skipped"
        results.append(result)
    return results


def _unittest_failure(child, outcome, test):
    text = ""
    for failed, trace in outcome.failures + outcome.errors:
        if failed is test:
            text = trace
            break
    lines = [l for l in text.strip().splitlines() if l.strip()]
    message = lines[-1] if lines else "failed"
    line = None
    markers = ['File "%s", line ' % child.h.entry, 'File "%s", line ' % os.path.join(child.case_dir, child.h.entry)]
    for l in lines:
        marker = [m for m in markers if m in l]
        if marker:
            marker = marker[0]
            try:
                line = int(l.split(marker, 1)[1].split(",", 1)[0])
            except ValueError:
                pass
    return _cap(message), line


def _stand_in(child):
    """A small `pytest` for test files on a Python without it."""
    re = child.helper("re")
    module = type(sys)("pytest")
    module.__doc__ = ("sprout's stand-in for pytest, which is not installed here: raises, approx, fail, "
                      "skip, mark.parametrize, param and fixture")

    class RaisesInfo(object):
        value = None
        type = None

    class Raises(object):
        def __init__(self, expected, match):
            self.expected = expected
            self.match = match
            self.info = RaisesInfo()

        def __enter__(self):
            return self.info

        def __exit__(self, kind, value, tb):
            if kind is None:
                names = self.expected if isinstance(self.expected, tuple) else (self.expected,)
                raise Failed("DID NOT RAISE %s" % ", ".join(repr(n) for n in names))
            if not issubclass(kind, self.expected):
                return False
            self.info.value, self.info.type = value, kind
            if self.match is not None and not re.search(self.match, str(value)):
                raise AssertionError("Regex pattern did not match.\n Regex: %r\n Input: %r" % (self.match, str(value)))
            return True

    def raises(expected, *args, **kwargs):
        match = kwargs.pop("match", None)
        context = Raises(expected, match)
        if not args:
            return context
        with context:
            args[0](*args[1:], **kwargs)
        return context.info

    class Approx(object):
        def __init__(self, expected, rel=None, abs=None):
            self.expected, self.rel, self.abs = expected, rel, abs

        def close(self, want, got):
            if isinstance(want, (list, tuple)):
                return isinstance(got, (list, tuple)) and len(got) == len(want) and \
                    all(self.close(w, g) for w, g in zip(want, got))
            if isinstance(want, dict):
                return isinstance(got, dict) and got.keys() == want.keys() and \
                    all(self.close(want[k], got[k]) for k in want)
            try:
                tolerance = max(1e-6 * abs(want) if self.rel is None else self.rel * abs(want),
                                1e-12 if self.abs is None else self.abs)
                return abs(got - want) <= tolerance
            except TypeError:
                return got == want

        def __eq__(self, other):
            return self.close(self.expected, other)

        def __ne__(self, other):
            return not self.__eq__(other)

        __hash__ = None

        def __repr__(self):
            return "approx(%r)" % (self.expected,)

    def fail(reason="", pytrace=True):
        raise Failed(reason)

    def skip(reason="", allow_module_level=False):
        raise Skipped(reason)

    class Mark(object):
        def parametrize(self, argnames, argvalues, ids=None, **kwargs):
            names = [n.strip() for n in argnames.split(",")] if isinstance(argnames, str) else list(argnames)

            def mark(fn):
                fn._sprout_parametrize = getattr(fn, "_sprout_parametrize", []) + [(names, list(argvalues))]
                return fn
            return mark

        def skip(self, *args, **kwargs):
            def mark(fn):
                fn._sprout_skip = True
                return fn
            return mark(args[0]) if len(args) == 1 and callable(args[0]) and not kwargs else mark

        def __getattr__(self, name):  # other marks (xfail, slow, ...) change nothing here
            def factory(*args, **kwargs):
                if len(args) == 1 and callable(args[0]) and not kwargs:
                    return args[0]
                return lambda fn: fn
            return factory

    def fixture(*args, **kwargs):
        def mark(fn):
            fn._sprout_fixture = kwargs.get("name") or fn.__name__
            return fn
        return mark(args[0]) if len(args) == 1 and callable(args[0]) and not kwargs else mark

    def param(*values, **kwargs):
        return values[0] if len(values) == 1 else values

    module.fixture = fixture
    module.param = param
    module.raises = raises
    module.approx = Approx
    module.fail = fail
    module.skip = skip
    module.mark = Mark()
    module.Failed = Failed
    return module
