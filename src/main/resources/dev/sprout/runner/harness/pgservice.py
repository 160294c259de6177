"""PostgreSQL for a submission (docs/grader-spec.md, "PostgreSQL"): a throwaway server started by
the harness inside the sandbox, from a copy of the machine's cached `initdb` template, listening
only on a unix socket in the sandbox's own scratch folder (`listen_addresses=''`: no TCP). Each
case gets a fresh database `sprout` (dropped and created again, then the case's setup SQL) and
its URL in DATABASE_URL; `db:` checks read it after the case. The server runs as the sandbox's
user, like learner code: its superuser can do nothing learner code could not do already, and it
dies with the sandbox (tier A: its PID namespace; elsewhere its parent-death signal and stop()).

Needs psycopg2 in the harness (the spec requires it, so preload imported it).
"""

import os
import time

from .errors import _safe_str
from .values import encode_value

FOLDER = ".sprout-postgresql"  # in SCRATCH_DIR; clean_scratch leaves it alone
DATABASE = "sprout"
USER = "sprout"
START_TIMEOUT_S = 20.0
MAX_ROWS = 1000
TIME_BUDGET_S = 2.0

# small and quick: nothing of this cluster outlives the submission, so nothing needs to be durable
SETTINGS = (
    "listen_addresses=", "fsync=off", "synchronous_commit=off", "full_page_writes=off",
    "shared_buffers=8MB", "max_connections=20", "dynamic_shared_memory_type=mmap", "autovacuum=off",
    "max_wal_size=32MB", "min_wal_size=2MB", "wal_level=minimal", "max_wal_senders=0",
    "max_worker_processes=0", "max_parallel_workers_per_gather=0", "max_logical_replication_workers=0",
    "huge_pages=off", "logging_collector=off", "log_min_messages=warning", "unix_socket_permissions=0700",
    "timezone=UTC", "datestyle=iso, mdy", "lc_messages=C",
)


class PostgresServer(object):
    """One server for one harness: start(), then reset() before each case, read() after it."""

    def __init__(self, scratch_dir):
        self.root = os.path.join(scratch_dir, FOLDER)
        self.data = os.path.join(self.root, "data")
        self.socket_dir = os.path.join(self.root, "run")
        self.log = os.path.join(self.root, "server.log")
        self.proc = None
        self.version = 0
        self.url = "postgresql://%s@/%s?host=%s" % (USER, DATABASE, self.socket_dir)

    @property
    def pid(self):
        return self.proc.pid if self.proc is not None else None

    def start(self, bin_dir, template, libc=None):
        import shutil
        import subprocess
        started = time.monotonic()
        os.mkdir(self.root, 0o700)
        os.mkdir(self.socket_dir, 0o700)
        shutil.copytree(template, self.data, copy_function=shutil.copyfile)
        os.chmod(self.data, 0o700)  # postgres refuses a data folder others can read
        argv = [os.path.join(bin_dir, "postgres"), "-D", self.data, "-k", self.socket_dir]
        for setting in SETTINGS:
            argv += ["-c", setting]

        def dies_with_harness():
            if libc is not None:
                libc.prctl(1, 9, 0, 0, 0)  # PR_SET_PDEATHSIG: SIGKILL

        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                         close_fds=True, preexec_fn=dies_with_harness, env={"LC_ALL": "C"})
        import psycopg2
        deadline = started + START_TIMEOUT_S
        while True:
            try:
                conn = psycopg2.connect(host=self.socket_dir, dbname="postgres", user=USER, connect_timeout=2)
                break
            except psycopg2.OperationalError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    return {"ok": False, "message": "the PostgreSQL server did not start", "log": self.log_tail()}
                time.sleep(0.005)
        try:
            self.version = conn.server_version
        finally:
            conn.close()
        return {"ok": True, "version": self.version, "url": self.url,
                "ms": int(round((time.monotonic() - started) * 1000))}

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, limit=2000):
        try:
            with open(self.log, "rb") as f:
                return f.read()[-limit:].decode("utf-8", "replace")
        except OSError:
            return ""

    def reset(self, setup):
        """A fresh `sprout` database (learner connections to the last one are ended), then the
        case's setup SQL, committed. None, or what went wrong, in words."""
        if not self.alive():
            return "the PostgreSQL server is not running any more (did the code stop it?)\n" + self.log_tail()
        import psycopg2
        try:
            conn = psycopg2.connect(host=self.socket_dir, dbname="postgres", user=USER, connect_timeout=5)
            try:
                conn.autocommit = True
                cur = conn.cursor()
                cur.execute("DROP DATABASE IF EXISTS %s WITH (FORCE)" % DATABASE)
                # FILE_COPY: a tiny template copied as files is quicker than WAL-logging it (15+)
                strategy = " STRATEGY FILE_COPY" if self.version >= 150000 else ""
                cur.execute("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'%s" % (DATABASE, strategy))
            finally:
                conn.close()
            if setup and setup.strip():
                conn = psycopg2.connect(host=self.socket_dir, dbname=DATABASE, user=USER, connect_timeout=5)
                try:
                    with conn.cursor() as cur:
                        cur.execute(setup)
                    conn.commit()
                finally:
                    conn.close()
        except psycopg2.Error as e:
            return "the grader's setup SQL failed: %s" % (_safe_str(e).strip() or type(e).__name__)
        return None

    def read(self, spec, limits):
        """What a `db:` check asks of the `sprout` database, in sqlcases.read_database's shape.
        A read-only transaction with a time budget; learner-made objects cannot write for us."""
        seen = {"exists": True, "error": None, "tables": {}, "queries": []}
        if not self.alive():
            seen["error"] = "the PostgreSQL server is not running any more"
            return seen
        import psycopg2
        text_cap = limits.get("output_bytes")
        try:
            conn = psycopg2.connect(host=self.socket_dir, dbname=DATABASE, user=USER, connect_timeout=5,
                                    options="-c statement_timeout=%d -c default_transaction_read_only=on"
                                            % int(TIME_BUDGET_S * 1000))
        except psycopg2.Error as e:
            seen["error"] = _safe_str(e).strip() or type(e).__name__
            return seen
        try:
            conn.autocommit = True
            for table in spec.get("tables") or []:
                seen["tables"][str(table)] = _columns(conn, psycopg2, str(table))
            for sql in spec.get("queries") or []:
                seen["queries"].append(_query(conn, psycopg2, str(sql), text_cap))
        finally:
            conn.close()
        return seen

    def stop(self):
        p, self.proc = self.proc, None
        if p is None:
            return
        try:
            p.send_signal(2)  # SIGINT: fast shutdown
            p.wait(timeout=5)
        except Exception:
            try:
                p.kill()
                p.wait(timeout=5)
            except Exception:
                pass


def _columns(conn, psycopg2, table):
    sql = ("SELECT c.column_name, c.data_type, c.is_nullable = 'NO', "
           "EXISTS (SELECT 1 FROM information_schema.table_constraints t "
           "JOIN information_schema.key_column_usage k ON k.constraint_name = t.constraint_name "
           "AND k.table_schema = t.table_schema AND k.table_name = t.table_name "
           "WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = c.table_schema "
           "AND t.table_name = c.table_name AND k.column_name = c.column_name) "
           "FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = %s "
           "ORDER BY c.ordinal_position")
    try:
        with conn.cursor() as cur:
            cur.execute(sql, (table.lower(),))
            rows = cur.fetchall()
    except psycopg2.Error:
        return None
    if not rows:
        return None
    return [{"name": str(r[0]), "type": str(r[1] or ""), "not_null": bool(r[2]), "primary_key": bool(r[3])}
            for r in rows]


def _query(conn, psycopg2, sql, text_cap):
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
            columns = [str(d[0]) for d in (cur.description or [])]
            rows = cur.fetchmany(MAX_ROWS + 1) if cur.description else []
    except psycopg2.Error as e:
        message = _safe_str(e).strip() or type(e).__name__
        if "statement timeout" in message:
            message = "reading the database took longer than %g seconds" % TIME_BUDGET_S
        return {"columns": [], "rows": [], "truncated": False, "error": message}
    return {"columns": columns, "rows": [[encode_value(v, text_cap) for v in row] for row in rows[:MAX_ROWS]],
            "truncated": len(rows) > MAX_ROWS, "error": None}
