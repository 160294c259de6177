"""SQLite for the grader (docs/harness-protocol.md, "db"): reads a case's database file once the
learner's code has finished, in the supervising harness process, never in the learner's child
(learner code must not be able to answer the grader's queries). The file is opened read-only
(a `mode=ro` URI), no extension can load, and every query is bounded: rows (MAX_ROWS), text
(encode_value's caps) and time (a progress handler). The rows go back as tagged values; Java
compares them with the expected rows, which never come here.
"""

import os
import re
import time

from .casedir import _is_relative_inside
from .errors import _safe_str
from .values import encode_value

MAX_ROWS = 1000
TIME_BUDGET_S = 2.0  # for all of one case's queries together
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def read_database(case_dir, spec, limits):
    """{"exists", "error", "tables": {name: [column...] or None}, "queries": [result...]}."""
    name = str(spec.get("file") or "")
    if not _is_relative_inside(name):
        raise ValueError("db.file must be a relative file name inside the case folder")
    path = os.path.join(case_dir, os.path.normpath(name))
    seen = {"exists": False, "error": None, "tables": {}, "queries": []}
    if not os.path.lexists(path):
        return seen
    seen["exists"] = True
    if os.path.islink(path) or not os.path.isfile(path):
        seen["error"] = "%s is not a regular file" % name
        return seen
    try:
        import sqlite3
    except ImportError as e:
        seen["error"] = "sqlite3 cannot be imported here: %s" % _safe_str(e)
        return seen
    text_cap = limits.get("output_bytes")
    deadline = time.monotonic() + TIME_BUDGET_S
    conn = None
    try:
        conn = _open(sqlite3, path)
        conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 1000)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        except sqlite3.Error as e:
            seen["error"] = _sqlite_message(e, deadline)
            return seen
        for table in spec.get("tables") or []:
            table = str(table)
            if not _NAME.match(table):
                raise ValueError("db.tables holds plain names only: %r" % (table,))
            seen["tables"][table] = _columns(conn, sqlite3, table, deadline)
        for sql in spec.get("queries") or []:
            seen["queries"].append(run_query(conn, sqlite3, str(sql), deadline, text_cap))
    except sqlite3.Error as e:
        seen["error"] = _sqlite_message(e, deadline)
    finally:
        if conn is not None:
            conn.close()
    return seen


def _open(sqlite3, path):
    from urllib.parse import quote
    uri = "file:%s?mode=ro" % quote(os.path.abspath(path), safe="/")
    conn = sqlite3.connect(uri, uri=True, timeout=0.2, isolation_level=None, check_same_thread=False)
    # views and triggers in the learner's schema call no function on our behalf; nothing writes
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA query_only = ON")
    return conn


def _columns(conn, sqlite3, table, deadline):
    try:
        rows = conn.execute('PRAGMA table_info("%s")' % table).fetchall()
    except sqlite3.Error:
        return None
    if not rows:
        return None
    return [{"name": str(r[1]), "type": str(r[2] or ""), "not_null": bool(r[3]), "primary_key": bool(r[5])}
            for r in rows]


def run_query(conn, sqlite3, sql, deadline, text_cap):
    """One query's {"columns", "rows", "truncated", "error"}; sqlite's message as the error."""
    try:
        cursor = conn.execute(sql)
        columns = [str(d[0]) for d in (cursor.description or [])]
        rows = cursor.fetchmany(MAX_ROWS + 1)
    except (sqlite3.Error, sqlite3.Warning) as e:
        return {"columns": [], "rows": [], "truncated": False, "error": _sqlite_message(e, deadline)}
    truncated = len(rows) > MAX_ROWS
    return {"columns": columns, "rows": [[encode_value(v, text_cap) for v in row] for row in rows[:MAX_ROWS]],
            "truncated": truncated, "error": None}


def _sqlite_message(e, deadline):
    if time.monotonic() > deadline:
        return "reading the database took longer than %g seconds" % TIME_BUDGET_S
    return _safe_str(e) or type(e).__name__
