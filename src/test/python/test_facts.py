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


SHADOWS = '''from heapq import nsmallest
import math


def sort(xs):
    return list(xs)


def search(xs):
    xs.sort()
    ys = sorted(xs)
    return sort(ys), nsmallest(1, ys), math.floor(2.5)


class Box:
    def sorted(self):
        return sorted([2, 1])


def outer():
    def sorted(x):
        return x
    return lambda: sorted(3)


def later():
    sorted = my_sorter
    return sorted([1])


def reads_global():
    global sort
    return sort([1])
'''


class CallResolutionTest(unittest.TestCase):
    """A call says whether it is a method, a module's function, or the file's own definition."""

    def setUp(self):
        self.calls = [(c["name"], c["line"], c["method"], c["module"], c["own"])
                      for c in facts._facts(ast.parse(SHADOWS))["calls"]]

    def test_a_method_is_written_with_a_dot(self):
        self.assertIn(("sort", 10, True, False, False), self.calls)

    def test_builtins_and_imported_functions_are_not_own(self):
        self.assertIn(("sorted", 11, False, False, False), self.calls)
        self.assertIn(("nsmallest", 12, False, False, False), self.calls)

    def test_a_function_of_an_imported_module_is_marked_module(self):
        self.assertIn(("floor", 12, True, True, False), self.calls)

    def test_a_module_level_def_shadows_the_builtin(self):
        self.assertIn(("sort", 12, False, False, True), self.calls)

    def test_a_class_body_does_not_enclose_its_methods(self):
        self.assertIn(("sorted", 17, False, False, False), self.calls)

    def test_an_enclosing_def_shadows_it_inside_a_lambda(self):
        self.assertIn(("sorted", 23, False, False, True), self.calls)

    def test_a_local_assignment_shadows_it(self):
        self.assertIn(("sorted", 28, False, False, True), self.calls)

    def test_global_declarations_look_at_the_module(self):
        self.assertIn(("sort", 33, False, False, True), self.calls)


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
