import os
import sqlite3
import tempfile
import unittest

from harness_loader import module

sqlcases = module("sqlcases")
LIMITS = {"output_bytes": 1 << 20}


class ReadDatabaseTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.addCleanup(self.tmp.cleanup)

    def make(self, name="library.db", script=(
            "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, author TEXT, year INTEGER,"
            " cover BLOB, price REAL);"
            "INSERT INTO books (title, author, year, cover, price) VALUES ('Dune', 'Herbert', 1965, x'00ff', 9.5);"
            "INSERT INTO books (title, author, year) VALUES ('O''Brien''s Way', 'Kay', NULL);")):
        conn = sqlite3.connect(os.path.join(self.dir, name))
        conn.executescript(script)
        conn.commit()
        conn.close()

    def read(self, **spec):
        spec.setdefault("file", "library.db")
        return sqlcases.read_database(self.dir, spec, LIMITS)

    def test_reports_rows_as_tagged_values_with_column_names(self):
        self.make()
        seen = self.read(queries=["SELECT title, year, cover, price FROM books ORDER BY id"])
        self.assertTrue(seen["exists"])
        self.assertIsNone(seen["error"])
        query = seen["queries"][0]
        self.assertEqual(query["columns"], ["title", "year", "cover", "price"])
        self.assertEqual(query["rows"][0], [{"t": "str", "v": "Dune"}, {"t": "int", "v": "1965"},
                                            {"t": "bytes", "v": "AP8="}, {"t": "float", "v": 9.5}])
        self.assertEqual(query["rows"][1][:2], [{"t": "str", "v": "O'Brien's Way"}, {"t": "none"}])
        self.assertFalse(query["truncated"])

    def test_describes_asked_tables_and_says_which_do_not_exist(self):
        self.make()
        seen = self.read(tables=["books", "authors"])
        self.assertIsNone(seen["tables"]["authors"])
        columns = {c["name"]: c for c in seen["tables"]["books"]}
        self.assertEqual(set(columns), {"id", "title", "author", "year", "cover", "price"})
        self.assertEqual(columns["id"], {"name": "id", "type": "INTEGER", "not_null": False, "primary_key": True})
        self.assertTrue(columns["title"]["not_null"])

    def test_a_missing_file_is_not_created(self):
        seen = self.read(queries=["SELECT 1"])
        self.assertFalse(seen["exists"])
        self.assertFalse(os.path.exists(os.path.join(self.dir, "library.db")))

    def test_a_file_that_is_not_a_database_says_so(self):
        with open(os.path.join(self.dir, "library.db"), "w") as f:
            f.write("title,author\nDune,Herbert\n" * 20)
        seen = self.read(queries=["SELECT 1"])
        self.assertTrue(seen["exists"])
        self.assertIn("not a database", seen["error"])

    def test_a_link_is_not_followed(self):
        self.make(name="real.db")
        os.symlink(os.path.join(self.dir, "real.db"), os.path.join(self.dir, "library.db"))
        self.assertEqual(self.read(queries=["SELECT 1"])["error"], "library.db is not a regular file")

    def test_queries_cannot_write(self):
        self.make()
        seen = self.read(queries=["DELETE FROM books", "SELECT count(*) FROM books"])
        self.assertIn("readonly", seen["queries"][0]["error"].replace("-", "").replace(" ", ""))
        self.assertEqual(seen["queries"][1]["rows"], [[{"t": "int", "v": "2"}]])

    def test_a_failing_query_reports_sqlites_message_and_the_rest_still_run(self):
        self.make()
        seen = self.read(queries=["SELECT nope FROM books", "SELECT count(*) FROM books"])
        self.assertEqual(seen["queries"][0]["error"], "no such column: nope")
        self.assertEqual(seen["queries"][1]["error"], None)

    def test_rows_are_capped(self):
        self.make()
        seen = self.read(queries=["WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 5000) "
                                  "SELECT i FROM n"])
        self.assertEqual(len(seen["queries"][0]["rows"]), sqlcases.MAX_ROWS)
        self.assertTrue(seen["queries"][0]["truncated"])

    def test_an_endless_query_is_stopped_by_the_time_budget(self):
        self.make()
        old = sqlcases.TIME_BUDGET_S
        sqlcases.TIME_BUDGET_S = 0.3
        try:
            seen = self.read(queries=["WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                                      "SELECT count(*) FROM n"])
        finally:
            sqlcases.TIME_BUDGET_S = old
        self.assertIn("took longer than", seen["queries"][0]["error"])

    def test_names_outside_the_case_folder_are_refused(self):
        for name in ("../x.db", "/etc/passwd", ""):
            with self.assertRaises(ValueError):
                self.read(file=name)
        with self.assertRaises(ValueError):
            self.make()
            self.read(tables=['books"; DROP TABLE books; --'])


if __name__ == "__main__":
    unittest.main()


SETUP = """
CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT, price REAL);
INSERT INTO products (name, price) VALUES ('Pen', 1.5), ('Mug', 7.0), ('Lamp', 25.0);
"""


class FakeHarness:
    """What run_sql_case uses of the Harness: the entry's text and the scratch folder."""

    def __init__(self, source, scratch):
        self.source = source
        self.scratch = scratch

    def make_case_dir(self, case_id, files):
        path = os.path.join(self.scratch, "case-" + str(case_id))
        os.mkdir(path)
        return path

    def clean_scratch(self):
        import shutil
        for name in os.listdir(self.scratch):
            shutil.rmtree(os.path.join(self.scratch, name))


class NamedQueriesTest(unittest.TestCase):

    def test_splits_blocks_at_name_lines_and_accepts_aiosql_suffixes(self):
        text = ("-- a comment before any name is ignored\n"
                "-- name: cheap_products\n-- the cheapest first\nSELECT name FROM products\nORDER BY price;\n\n"
                "--name:raise_prices!\nUPDATE products SET price = price * 2;\n"
                "-- name: cheap_products\nSELECT 'a second block of that name is ignored';\n")
        queries = sqlcases.named_queries(text)
        self.assertEqual(list(queries), ["cheap_products", "raise_prices"])
        self.assertIn("ORDER BY price;", queries["cheap_products"])
        self.assertEqual(queries["raise_prices"].strip(), "UPDATE products SET price = price * 2;")


class SqlCaseTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def run_case(self, source, query, db=None, limits=None):
        req = {"id": "c1", "kind": "sql", "sql": {"query": query, "setup": SETUP, "database": "shop.db"}}
        if db is not None:
            req["db"] = db
        resp = sqlcases.run_sql_case(FakeHarness(source, self.tmp.name), req, limits or {"cpu_s": 2})
        self.assertEqual(os.listdir(self.tmp.name), [], "the case folder is removed")
        return resp

    def test_runs_the_named_query_on_a_fresh_fixture(self):
        resp = self.run_case("-- name: cheap\nSELECT name, price FROM products WHERE price < 10 ORDER BY price;",
                             "cheap")
        self.assertEqual(resp["status"], "returned")
        query = resp["query"]
        self.assertEqual(query["columns"], ["name", "price"])
        self.assertEqual(query["rows"], [[{"t": "str", "v": "Pen"}, {"t": "float", "v": 1.5}],
                                         [{"t": "str", "v": "Mug"}, {"t": "float", "v": 7.0}]])

    def test_a_modifying_query_is_kept_for_the_db_check(self):
        resp = self.run_case("-- name: raise_prices\nUPDATE products SET price = price * 2 WHERE name = 'Pen';",
                             "raise_prices", db={"file": "shop.db", "queries": ["SELECT price FROM products ORDER BY id"]})
        self.assertIsNone(resp["query"]["error"])
        self.assertEqual(resp["db"]["queries"][0]["rows"][0], [{"t": "float", "v": 3.0}])

    def test_says_which_names_exist_when_the_query_is_missing_or_empty(self):
        resp = self.run_case("-- name: other\nSELECT 1;\n-- name: cheap\n-- TODO\n", "missing")
        self.assertFalse(resp["query"]["found"])
        self.assertEqual(resp["query"]["names"], ["other", "cheap"])
        self.assertTrue(self.run_case("-- name: cheap\n-- TODO\n", "cheap")["query"]["empty"])

    def test_reports_sqlites_message_for_a_broken_query(self):
        resp = self.run_case("-- name: cheap\nSELECT name FORM products;", "cheap")
        self.assertIn("syntax error", resp["query"]["error"])

    def test_learner_sql_reaches_no_other_file(self):
        outside = os.path.join(self.tmp.name, "..", "escape-%d.db" % os.getpid())
        for sql in ("ATTACH DATABASE '%s' AS x" % outside, "VACUUM INTO '%s'" % outside,
                    "PRAGMA writable_schema = ON", "SELECT load_extension('x')"):
            resp = self.run_case("-- name: q\n" + sql, "q")
            self.assertIsNotNone(resp["query"]["error"], sql)
        self.assertFalse(os.path.exists(outside))

    def test_an_endless_query_is_stopped(self):
        resp = self.run_case("-- name: q\nWITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                             "SELECT count(*) FROM n;", "q", limits={"cpu_s": 0.3})
        self.assertTrue(resp["query"]["timed_out"])
        self.assertIsNone(resp["query"]["error"])
