"""sprout's Python harness, started once per submission (docs/harness-protocol.md):

    python3 -I -B [-S] harness.py SOURCE_DIR SCRATCH_DIR

This file only loads the harness package, the folder ``harness/`` beside it (its ``__main__.py``
lists what each module does), and runs its ``main()``. The modules are loaded into private module
objects, never into ``sys.modules``, and the folder is never on ``sys.path`` (``-I``): learner code
can neither import harness parts nor find them there. They import each other only with relative
imports at their top (``from .wire import _dumps``), which ``_loader`` resolves while it loads them.

Started from compiled code (``HarnessFiles.BOOT``), this file's code runs with ``_sprout_codes``
in its globals: every module's code object, as a harness handed them back in its ``hello``.
"""

import sys

PACKAGE = "sprout_harness"


def _loader(codes):
    """A function that loads a harness module by name, and its imports, from ``codes`` (module name
    -> code object) into a private module object, once. While it runs, builtins.__import__ answers
    the harness's relative imports; no learner code runs before this is over (the harness is
    starting, or a GraalPy context is being prepared)."""
    import builtins
    # type(sys) is types.ModuleType without importing types (a stdlib module the old
    # single-file harness never loaded: about 0.3 ms of start-up)
    module_type = type(sys)
    package = module_type(PACKAGE)  # holds the submodules for `from . import x`; never in sys.modules
    modules = {}

    def private_import(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 1 and globals is not None and globals.get("__package__") == PACKAGE:
            if name:
                return load(name)
            for part in fromlist:
                load(part)
            return package
        return real_import(name, globals, locals, fromlist, level)

    def load_one(name):
        module = modules.get(name)
        if module is None:  # a module being loaded is returned as it is, as Python does for cycles
            module = modules[name] = module_type(PACKAGE + "." + name)
            module.__package__ = PACKAGE
            module.__file__ = codes[name].co_filename
            setattr(package, name, module)
            exec(codes[name], module.__dict__)
        return module

    real_import = builtins.__import__

    def load(name):
        if builtins.__import__ is private_import:
            return load_one(name)
        builtins.__import__ = private_import
        try:
            return load_one(name)
        finally:
            builtins.__import__ = real_import

    load.modules = modules
    return load


def compile_package(folder):
    """Every module of the package in ``folder`` compiled: name -> code object."""
    import os
    codes = {}
    for file in sorted(os.listdir(folder)):
        if file.endswith(".py"):
            path = os.path.join(folder, file)
            with open(path, "rb") as f:
                codes[file[:-3]] = compile(f.read(), path, "exec", dont_inherit=True)
    return codes


def compile_bundle(bundle, prefix="sprout_harness/"):
    """The harness's modules from one string (the GraalPy worker's way to hand them over), compiled:
    name -> code object. The string holds, for each module, NUL, its name, a newline, its source;
    code file names are ``prefix + name + ".py"``."""
    codes = {}
    for part in bundle.split("\0")[1:]:
        name, _, text = part.partition("\n")
        codes[name] = compile(text, prefix + name + ".py", "exec", dont_inherit=True)
    return codes


def load_bundle(bundle, prefix="sprout_harness/"):
    """The loader (see _loader) of the harness's modules in ``bundle`` (see compile_bundle)."""
    return _loader(compile_bundle(bundle, prefix))


def _start():
    codes = globals().get("_sprout_codes")
    if not codes:
        import os
        codes = compile_package(os.path.join(os.path.dirname(os.path.abspath(__file__)), "harness"))
        if _OWN_CODE is not None:
            codes["harness"] = _OWN_CODE
    load = _loader(codes)
    return load("__main__").main(sys.argv, codes, load.modules)


# This file's code, handed out with the modules' by "hello" (BOOT starts from it).
_OWN_CODE = sys._getframe(0).f_code if "_sprout_codes" not in globals() and hasattr(sys, "_getframe") else None

if __name__ == "__main__":
    _status = _start()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        import os
        os._exit(_status)  # nothing left to tidy: skip the interpreter's teardown
