import ast
import os
import shutil
import tempfile
import unittest

from harness_loader import module

facts = module("facts")
session = module("session")

SOURCE = '''import os.path
from collections import Counter
from . import sibling


def calculate(n):
    total = 0
    for i in range(n):
        total += i if i % 2 else 0
    return calculate(n - 1) if n else sorted([total])


class Shop(object):
    def visit(self):
        return self.visit()


squares = [x * x for x in range(3)]
print(f"{squares}")
'''


def names(found, key="name"):
    return [f[key] for f in found]


class SourceFactsTest(unittest.TestCase):

    def setUp(self):
        self.facts = facts._facts(ast.parse(SOURCE))

    def test_calls_by_name_or_attribute_sorted_by_line(self):
        self.assertEqual(names(self.facts["calls"]), ["range", "calculate", "sorted", "visit", "range", "print"])
        self.assertEqual([c["line"] for c in self.facts["calls"]], sorted(c["line"] for c in self.facts["calls"]))

    def test_imports_with_top_level_name_and_full_module(self):
        self.assertEqual([(i["name"], i["module"], i["line"]) for i in self.facts["imports"]],
                         [("os", "os.path", 1), ("collections", "collections", 2), (".", ".", 3)])
        self.assertEqual(self.facts["imports"][1]["names"], ["Counter"])

    def test_constructs_include_ternaries_comprehensions_fstrings_and_recursion(self):
        found = names(self.facts["constructs"])
        for construct in ("def", "for", "if", "return", "class", "comprehension", "fstring", "recursion"):
            self.assertIn(construct, found)
        recursion = [c for c in self.facts["constructs"] if c["name"] == "recursion"]
        self.assertEqual([(r["function"], r["line"]) for r in recursion], [("calculate", 6), ("visit", 14)])

    def test_module_level_definitions_and_assigned_names(self):
        self.assertEqual(self.facts["functions"], [{"name": "calculate", "line": 6}])
        self.assertEqual(self.facts["classes"], [{"name": "Shop", "line": 13}])
        self.assertEqual(names(self.facts["names"]), ["total", "i", "total", "squares", "x"])


class FactsOpTest(unittest.TestCase):
    """The facts op reads the file itself; it never runs it."""

    def setUp(self):
        self.source = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.source)
        self.harness = session.Harness(self.source, self.source)

    def write(self, name, text):
        with open(os.path.join(self.source, name), "w") as f:
            f.write(text)

    def test_parses_without_running(self):
        self.write("boom.py", "raise SystemExit('ran')\nx = 1\n")
        result = self.harness.facts({"entry": "boom.py"})
        self.assertTrue(result["ok"])
        self.assertEqual(names(result["names"]), ["x"])

    def test_a_file_that_does_not_parse_is_an_error_with_its_line(self):
        self.write("bad.py", "x = 1\nif x = 1:\n    pass\n")
        result = self.harness.facts({"entry": "bad.py"})
        self.assertFalse(result["ok"])
        self.assertEqual((result["error"]["type"], result["error"]["line"]), ("SyntaxError", 2))

    def test_refuses_a_file_outside_the_source_folder(self):
        with self.assertRaises(ValueError):
            self.harness.facts({"entry": "../etc/passwd"})


if __name__ == "__main__":
    unittest.main()
