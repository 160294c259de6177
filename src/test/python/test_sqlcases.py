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
