"""Exceptions and stack frames as the learner should see them: ERROR dicts that keep only the
learner's frames (paths relative to the case folder), the deepest learner frame, and `where`
from a faulthandler dump taken before a timeout.
"""

import os

from .shared import REPORT_FILE_CAP, REPR_CAP


# ---- exceptions and stacks ----------------------------------------------------------------------

TRACEBACK_FRAMES = 200


def _depth(tb):
    depth = 0
    while tb is not None and depth <= TRACEBACK_FRAMES:
        depth += 1
        tb = tb.tb_next
    return depth


def _mro(cls):
    try:
        return [c.__name__ for c in cls.__mro__ if c is not object]
    except Exception:
        return [getattr(cls, "__name__", "?")]


def _safe_str(e):
    try:
        text = str(e)
    except Exception as err:
        text = "<str() failed: %s>" % type(err).__name__
    if len(text) > 10 * REPR_CAP:
        text = text[:10 * REPR_CAP] + "..."
    return text


def _harness_error(e, traceback=None):
    try:
        if traceback is None:
            import traceback
        text = "".join(traceback.format_exception(type(e), e, e.__traceback__))
    except Exception:
        text = "%s: %s" % (type(e).__name__, _safe_str(e))
    return {"type": type(e).__name__, "mro": _mro(type(e)), "message": _safe_str(e), "line": None,
            "file": None, "text": None, "offset": None, "traceback": text}


def _learner_file(filename, entry, case_dir):
    """The learner-relative name of a code file, or None for the harness, stdlib and the rest."""
    if not filename:
        return None
    if filename == entry:
        return entry
    prefix = case_dir + os.sep
    if filename.startswith(prefix):
        return filename[len(prefix):]
    return None


def _filter_stack(te, entry, case_dir, seen, traceback):
    if te is None or id(te) in seen:
        return
    seen.add(id(te))
    kept = []
    for fs in te.stack:
        rel = _learner_file(fs.filename, entry, case_dir)
        if rel is not None:
            fs.filename = rel
            kept.append(fs)
    te.stack = traceback.StackSummary.from_list(kept)
    if getattr(te, "filename", None):  # SyntaxError inside learner code
        rel = _learner_file(te.filename, entry, case_dir)
        if rel is not None:
            te.filename = rel
    _filter_stack(te.__cause__, entry, case_dir, seen, traceback)
    _filter_stack(te.__context__, entry, case_dir, seen, traceback)
    for sub in getattr(te, "exceptions", None) or []:
        _filter_stack(sub, entry, case_dir, seen, traceback)


def describe_exception(e, entry, case_dir, traceback=None):
    if traceback is None:
        import traceback
    cls = type(e)
    try:
        # endless recursion leaves thousands of frames, and reading each one's source line costs
        # seconds on GraalPy: past TRACEBACK_FRAMES keep the innermost, which hold the learner's line
        limit = -TRACEBACK_FRAMES if _depth(e.__traceback__) > TRACEBACK_FRAMES else None
        te = traceback.TracebackException(cls, e, e.__traceback__, limit=limit, capture_locals=False)
        _filter_stack(te, entry, case_dir, set(), traceback)
        text = "".join(te.format()).rstrip("\n")
        stack = list(te.stack)
    except Exception:
        text = "%s: %s" % (cls.__name__, _safe_str(e))
        stack = []
    error = {"type": cls.__name__, "mro": _mro(cls), "message": _safe_str(e), "line": None,
             "file": None, "text": None, "offset": None, "traceback": text}
    if stack:
        last = stack[-1]
        error["line"] = last.lineno
        error["file"] = last.filename
        error["text"] = last.line or None
    if isinstance(e, SyntaxError):
        rel = _learner_file(e.filename, entry, case_dir)
        error["message"] = _safe_str(e.msg)
        if rel is not None:
            error["file"] = rel
            error["line"] = e.lineno
            error["offset"] = e.offset
            error["text"] = e.text.rstrip("\r\n") if isinstance(e.text, str) else None
    if isinstance(e, ImportError) and getattr(e, "name", None):
        error["module"] = e.name
    return error


def _frame_of(line):
    """(file, line, function) from a faulthandler line '  File "x.py", line 3 in f', or None."""
    line = line.strip()
    if not line.startswith('File "'):
        return None
    at = line.rfind('", line ')
    if at < 0:
        return None
    rest = line[at + 8:].split(" in ", 1)
    if len(rest) != 2 or not rest[0].isdigit():
        return None
    return line[6:at], int(rest[0]), rest[1]


def _where(dump, entry, case_dir, entry_lines=None):
    """From a faulthandler dump: the innermost learner frame, and the learner's stack."""
    if not dump:
        return None
    blocks = []
    current = None
    for line in dump.splitlines():
        if "(most recent call first)" in line:
            current = {"current": line.startswith("Current thread"), "frames": []}
            blocks.append(current)
            continue
        frame = _frame_of(line)
        if frame is not None and current is not None:
            rel = _learner_file(frame[0], entry, case_dir)
            if rel is not None:
                current["frames"].append((rel, frame[1], frame[2]))
    candidates = [b for b in blocks if b["frames"]]
    if not candidates:
        return None
    best = [b for b in candidates if b["current"]] or candidates
    return _where_from_frames(best[0]["frames"], entry, case_dir, entry_lines)


def _where_from_frames(innermost_first, entry, case_dir, entry_lines=None):
    """`where` from the learner's frames, innermost first: [(learner-relative file, line, function)]."""
    if not innermost_first:
        return None
    frames = list(reversed(innermost_first))  # most recent call last, as in a traceback
    lines = []
    for rel, lineno, func in frames:
        lines.append('  File "%s", line %d, in %s' % (rel, lineno, func))
        text = _source_line(rel, lineno, entry, case_dir, entry_lines)
        if text:
            lines.append("    " + text)
    rel, lineno, _ = frames[-1]
    return {"line": lineno, "file": rel, "text": _source_line(rel, lineno, entry, case_dir, entry_lines) or None,
            "stack": "\n".join(lines)}


def _source_line(rel, lineno, entry, case_dir, entry_lines=None):
    if rel == entry and entry_lines is not None:
        lines = entry_lines
    else:
        try:
            with open(os.path.join(case_dir, rel), "rb") as f:
                lines = f.read(REPORT_FILE_CAP).decode("utf-8", "replace").splitlines()
        except OSError:
            return ""
    if 0 < lineno <= len(lines):
        return lines[lineno - 1].strip()
    return ""
