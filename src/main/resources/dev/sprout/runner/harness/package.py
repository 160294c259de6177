"""A package entry (docs/grader-spec.md, "Package exercises"): the learner's code is a folder
such as inventory/ with __init__.py and submodules. Load checks that every .py file of it
compiles (nothing runs); a case imports it through the ordinary import system from its case
folder (call/expr: the package or the request's "module", e.g. inventory.report), or runs it as
`python -m inventory` (run); facts read every file and say which file each fact is in.
"""

import os
import sys

from .errors import _mro
from .facts import _facts
from .oshelp import _freeze

# at most this many .py files in the package are read (the copy sprout makes caps files too)
PACKAGE_FILE_CAP = 200


def _package_files(h):
    """(relative path, bytes or None when too big to snapshot) of the package's .py files, in
    name order, __init__.py first."""
    prefix = h.package + "/"
    found = [(rel.replace(os.sep, "/"), data) for rel, data in (h.files or [])
             if rel.replace(os.sep, "/").startswith(prefix) and rel.endswith(".py")]
    found.sort(key=lambda f: (f[0].count("/"), f[0] != prefix + "__init__.py", f[0]))
    return found[:PACKAGE_FILE_CAP]


def _read(h, rel, data):
    if data is not None:
        return data
    with open(os.path.join(h.source_dir, rel), "rb") as f:
        return f.read()


def _error(kind, message, rel, line=None, traceback=None):
    cls = {"ModuleNotFoundError": ModuleNotFoundError, "OSError": OSError}.get(kind, ImportError)
    return {"type": cls.__name__, "mro": _mro(cls), "message": message, "line": line, "file": rel,
            "text": None, "offset": None, "traceback": traceback or "%s: %s" % (cls.__name__, message)}


def load_package(h, _decode_source):
    name = os.path.basename(h.entry)
    if not name.isidentifier():
        raise ValueError("a package entry must be a folder named like a Python module, e.g. inventory/")
    h.package = name
    h.module_name = name
    folder = os.path.join(h.source_dir, h.entry)
    if not os.path.isdir(folder) or os.path.islink(folder):
        h.load_error = _error("ModuleNotFoundError", "the folder %s/ is missing" % name, name + "/")
        return {"op": "loaded", "ok": False, "error": h.load_error}
    if not os.path.isfile(os.path.join(folder, "__init__.py")):
        h.load_error = _error("ModuleNotFoundError",
                              "%s/__init__.py is missing: a package folder needs one (it may be empty)" % name,
                              name + "/__init__.py")
        return {"op": "loaded", "ok": False, "error": h.load_error}
    first = None
    for rel, data in _package_files(h):
        try:
            raw = _read(h, rel, data)
        except OSError as e:
            h.load_error = _error("OSError", "cannot read %s: %s" % (rel, e.strerror or e), rel)
            return {"op": "loaded", "ok": False, "error": h.load_error}
        try:
            code = compile(_decode_source(raw, rel), rel, "exec", dont_inherit=True)
        except (SyntaxError, ValueError, UnicodeError, OverflowError, MemoryError, RecursionError) as e:
            if isinstance(e, SyntaxError):
                e.filename = rel
            error = h.load_error_of(e, raw)
            error["file"] = rel
            h.load_error = error
            return {"op": "loaded", "ok": False, "error": h.load_error}
        if first is None:
            first = code
    h.code = first  # only "it compiled": children import the package from their case folder
    # imported now, before any learner code exists on sys.path, so a learner's runpy.py or
    # importlib/ cannot stand in for them; children inherit them as pristine modules
    import importlib
    import importlib.util  # noqa: F401
    import runpy
    h.package_tools = (importlib, runpy)
    h.pristine_modules = dict(sys.modules)
    _freeze(collect=False)
    return {"op": "loaded", "ok": True, "module": name, "package": True,
            "files": [rel for rel, _ in _package_files(h)]}


def check_request(h, req):
    """ValueError (a harness-error) for a "module" outside the learner's package."""
    module = req.get("module")
    if module is None:
        return
    if h.package is None:
        raise ValueError("'module' is only for a package entry")
    if not isinstance(module, str) or not (module == h.package or module.startswith(h.package + ".")) \
            or not all(part.isidentifier() for part in module.split(".")):
        raise ValueError("'module' must be the learner's package or one of its modules")


def exec_package(child):
    """Runs the learner's package for one case: `python -m PACKAGE` for run (None), else imports
    the package or the request's module and returns it (its namespace is the case's)."""
    importlib, runpy = child.h.package_tools
    if child.kind == "run":
        runpy.run_module(child.h.package, run_name="__main__", alter_sys=True)
        return None
    return importlib.import_module(child.req.get("module") or child.h.package)


def package_facts(h, _decode_source):
    """The facts of every .py file of the package, each fact with its "file"."""
    import ast
    result = {"calls": [], "imports": [], "constructs": [], "functions": [], "classes": [], "names": []}
    for rel, data in _package_files(h):
        try:
            raw = _read(h, rel, data)
            tree = ast.parse(_decode_source(raw, rel), rel)
        except (SyntaxError, ValueError) as e:
            error = h.load_error_of(e, b"")
            error["file"] = rel
            return {"op": "facts", "ok": False, "error": error}
        except OSError as e:
            return {"op": "facts", "ok": False, "error": _error("OSError", "cannot read %s: %s" % (rel, e), rel)}
        for key, found in _facts(tree).items():
            for fact in found:
                fact["file"] = rel
            result.setdefault(key, []).extend(found)
    result["op"] = "facts"
    result["ok"] = True
    return result


def without_case_dir(error, case_dir):
    """Import errors name files by their full path (a circular import's "partially initialized
    module ... (/…/case-c1/inventory/models.py)"): the learner's view is relative to the folder."""
    prefix = case_dir + os.sep
    for key in ("message", "traceback"):
        if isinstance(error.get(key), str):
            error[key] = error[key].replace(prefix, "")
