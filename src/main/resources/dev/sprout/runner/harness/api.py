"""The GraalPy worker's interface to the harness (docs/graalpy-worker.md): everything the worker
uses, and nothing else. The worker loads this module (harness.load_bundle) into its control
context, which answers load, facts and preload, fills case folders, reads report_files and
locates the learner's frame after a timeout; and into each case's fresh context, where
prepare_case() and run_case() run one case as the forked child does. Keep these signatures: the
worker's Python (src/graalpy/resources/dev/sprout/graalpy) calls them by name.
"""

import os
import sys

from .case import Child, decode_inputs
from .casedir import read_report_files
from .errors import _learner_file, _where_from_frames, describe_exception
from .session import Harness
from .shared import DEFAULT_LIMITS
from .values import decode_value, encode_value

__all__ = ("new_harness", "fill_case_dir", "report_files", "where", "prepare_case", "run_case",
           "describe_exception", "encode_value", "decode_value", "DEFAULT_LIMITS")


def new_harness(source_dir, scratch_dir):
    """A Harness for one submission: its load(), facts(), preload() and load_error_result()."""
    return Harness(source_dir, scratch_dir)


def fill_case_dir(harness, case_dir, files):
    """Fills the empty case_dir as the CPython harness does: the source as loaded (no
    __pycache__), then the case's files (str, or any JSON value written as JSON text)."""
    harness.fill_case_dir(case_dir, files or {})


def report_files(case_dir, names):
    """The case's report_files as the result's "files": text capped at 1 MiB, exists/directory."""
    return read_report_files(case_dir, names or [])


def where(harness, case_dir, frames):
    """`where` for a case stopped mid-run, from its stack: frames innermost first, each
    (file name, path or None, line, function). None when no learner frame is on it."""
    learner = []
    for name, path, line, function in frames:
        rel = _learner_file(name, harness.entry, case_dir) or _learner_file(path, harness.entry, case_dir)
        if rel is not None:
            learner.append((rel, int(line), function or "<module>"))
    return _where_from_frames(learner, harness.entry, case_dir, harness.lines)


def prepare_case(req, source, entry, case_dir, scratch_dir):
    """Everything a case needs before the learner's code runs, in the current (fresh) interpreter:
    the compiled entry, decoded inputs, limits, and the interpreter prepared as the forked child
    prepares it. Returns the Child for run_case. Raises ValueError for a malformed request."""
    kind = req.get("kind")
    if kind not in ("call", "expr", "run", "tests", "scenario"):
        raise ValueError("GraalPy runs call, expr, run, tests and scenario cases; %r cases need CPython" % (kind,))
    limits = dict(DEFAULT_LIMITS)
    limits.update({k: v for k, v in (req.get("limits") or {}).items() if v is not None})
    h = Harness(case_dir, scratch_dir)
    h.entry = os.path.normpath(entry)
    h.module_name = os.path.splitext(os.path.basename(h.entry))[0]
    h.source = source
    h.lines = source.splitlines(True)
    h.code = compile(source, h.entry, "exec", dont_inherit=True)
    inputs = decode_inputs(req, kind)
    h.pristine_modules = dict(sys.modules)
    h.pristine_path = [p for p in sys.path if p]
    child = Child(h, req, kind, limits, case_dir, inputs, (None,) * 5)
    child.stdout, child.stderr = sys.stdout, sys.stderr
    os.chdir(case_dir)
    child.prepare_interpreter()
    return child


def run_case(child):
    """Runs the prepared case: its result (status, value, exception, exit_code...), as a dict."""
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
    if result is None:  # as MEMORY_FALLBACK says, without importing json for it
        result = {"status": "memory-limit", "exception": {"type": "MemoryError", "mro": ["MemoryError",
                  "Exception", "BaseException"], "message": "", "line": None, "file": None, "text": None,
                  "offset": None, "traceback": "MemoryError"}}
    return result
