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


# ---- sql cases: the learner's named queries ---------------------------------------------------

# `-- name: cheap_products` (aiosql/yesql); aiosql's suffixes (`!`, `<!`, `*!`, `#`, `$`, `^`) are allowed
_NAME_LINE = re.compile(r"^\s*--\s*name\s*:\s*([A-Za-z_][A-Za-z0-9_]*)[!<>*#$^]*\s*$")
_SQLITE_DENIED = (24, 25, 19)  # SQLITE_ATTACH (and VACUUM INTO), SQLITE_DETACH, SQLITE_PRAGMA
_SQLITE_FUNCTION = 31


def named_queries(text):
    """{name: statement text} from `-- name: NAME` blocks, in order; a block runs to the next name line."""
    queries = {}
    name = None
    lines = []
    for line in text.splitlines():
        m = _NAME_LINE.match(line)
        if m:
            if name is not None and name not in queries:
                queries[name] = "\n".join(lines)
            name, lines = m.group(1), []
        elif name is not None:
            lines.append(line)
    if name is not None and name not in queries:
        queries[name] = "\n".join(lines)
    return queries


def _has_sql(statement):
    for line in statement.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("--") and stripped != ";":
            return True
    return False


def _authorize(action, arg1, arg2, db_name, trigger):
    if action in _SQLITE_DENIED:
        return 1  # SQLITE_DENY: no other file, no pragma
    if action == _SQLITE_FUNCTION and str(arg2).lower() == "load_extension":
        return 1
    return 0


def run_sql_case(harness, req, limits):
    """A sql case, in the supervising process: builds the fixture database from the grader's setup
    script in a fresh case folder, runs the learner's named query on it (autocommit, so a
    modifying query stays for `db`), then reads `db` if asked. Learner SQL can reach no other
    file (ATTACH, VACUUM INTO and pragmas are denied, no extension loads) and is bounded in time
    (the case's cpu_s, by a progress handler), rows and text."""
    spec = req.get("sql")
    if not isinstance(spec, dict) or not isinstance(spec.get("query"), str) or not isinstance(spec.get("setup"), str):
        raise ValueError("a sql case needs sql.query and sql.setup")
    database = str(spec.get("database") or "database.db")
    if not _is_relative_inside(database) or os.sep in database:
        raise ValueError("sql.database must be a plain file name")
    db = req.get("db")
    started = time.monotonic()
    case_dir = harness.make_case_dir(req.get("id"), {})
    try:
        resp = {"status": "returned", "stdout": "", "stderr": "", "stdout_truncated": False,
                "stderr_truncated": False, "files": {}}
        resp["query"] = _run_named(harness.source or "", spec, os.path.join(case_dir, database), limits)
        if isinstance(db, dict):
            resp["db"] = read_database(case_dir, db, limits)
    finally:
        harness.clean_scratch()
    resp["elapsed_ms"] = int(round((time.monotonic() - started) * 1000))
    return resp


def _run_named(source, spec, path, limits):
    import sqlite3
    queries = named_queries(source)
    name = spec["query"]
    seen = {"found": name in queries, "names": list(queries), "empty": False, "timed_out": False,
            "columns": [], "rows": [], "truncated": False, "error": None}
    if not seen["found"]:
        return seen
    statement = queries[name]
    if not _has_sql(statement):
        seen["empty"] = True
        return seen
    setup = sqlite3.connect(path)
    try:
        setup.executescript(spec["setup"])  # the grader's own script, before any learner SQL
        setup.commit()
    finally:
        setup.close()
    budget = float(limits.get("cpu_s") or TIME_BUDGET_S)
    deadline = time.monotonic() + budget
    conn = sqlite3.connect(path, timeout=0.2, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 1 << 20)
        conn.set_authorizer(_authorize)
        conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 1000)
        try:
            cursor = conn.execute(statement)
            seen["columns"] = [str(d[0]) for d in (cursor.description or [])]
            rows = cursor.fetchmany(MAX_ROWS + 1)
        except (sqlite3.Error, sqlite3.Warning) as e:
            if time.monotonic() > deadline:
                seen["timed_out"] = True  # Java words it (Messages)
            else:
                seen["error"] = _safe_str(e) or type(e).__name__
            return seen
        seen["truncated"] = len(rows) > MAX_ROWS
        seen["rows"] = [[encode_value(v, limits.get("output_bytes")) for v in row] for row in rows[:MAX_ROWS]]
    finally:
        conn.close()
    return seen
