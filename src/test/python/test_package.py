"""A package entry ("inventory/"): load compiles every file of the folder and names the one that
does not compile; facts read every file and say which; a case's "module" must be the package's."""

import os
import shutil
import tempfile
import unittest

from harness_loader import module

session = module("session")
package = module("package")


class PackageLoadTest(unittest.TestCase):

    def setUp(self):
        self.source = tempfile.mkdtemp()
        self.scratch = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.source)
        self.addCleanup(shutil.rmtree, self.scratch)
        self.harness = session.Harness(self.source, self.scratch)
        self.harness.retire_child = lambda: None

    def write(self, name, text):
        path = os.path.join(self.source, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)

    def test_loads_a_package_without_running_it(self):
        self.write("inventory/__init__.py", "from .report import total\nraise SystemExit('ran')\n")
        self.write("inventory/report.py", "def total(xs):\n    return sum(xs)\n")
        result = self.harness.load({"entry": "inventory/"})
        self.assertTrue(result["ok"], result)
        self.assertEqual(result["files"], ["inventory/__init__.py", "inventory/report.py"])
        self.assertEqual(self.harness.package, "inventory")

    def test_a_submodule_that_does_not_compile_is_named_with_its_line(self):
        self.write("inventory/__init__.py", "")
        self.write("inventory/models.py", "x = 1\nclass Item(:\n    pass\n")
        result = self.harness.load({"entry": "inventory/"})
        self.assertFalse(result["ok"])
        error = result["error"]
        self.assertEqual((error["type"], error["file"], error["line"]), ("SyntaxError", "inventory/models.py", 2))
        # a case after a failed load is answered with that error, as running it would
        self.assertEqual(self.harness.load_error_result("c1", "call", 0)["exception"]["file"], "inventory/models.py")

    def test_a_folder_without_init_is_a_load_error_that_says_so(self):
        self.write("inventory/report.py", "x = 1\n")
        result = self.harness.load({"entry": "inventory/"})
        self.assertFalse(result["ok"])
        self.assertIn("__init__.py is missing", result["error"]["message"])

    def test_facts_cover_every_file_and_say_which(self):
        self.write("inventory/__init__.py", "from .report import total\n")
        self.write("inventory/report.py", "import inventory.models\n\ndef total(xs):\n    return sorted(xs)\n")
        self.assertTrue(self.harness.load({"entry": "inventory/"})["ok"])
        facts = self.harness.facts({})
        self.assertTrue(facts["ok"])
        self.assertEqual([(i["module"], i["file"], i["line"]) for i in facts["imports"]],
                         [(".report", "inventory/__init__.py", 1), ("inventory.models", "inventory/report.py", 1)])
        self.assertEqual([(f["name"], f["file"]) for f in facts["functions"]], [("total", "inventory/report.py")])

    def test_a_case_module_must_be_the_packages(self):
        self.write("inventory/__init__.py", "")
        self.harness.load({"entry": "inventory/"})
        package.check_request(self.harness, {"module": "inventory.report"})
        package.check_request(self.harness, {})
        for bad in ("os", "inventoryx.y", "inventory..x", 5):
            with self.assertRaises(ValueError):
                package.check_request(self.harness, {"module": bad})

    def test_a_package_name_that_is_not_a_module_name_is_refused(self):
        self.write("my-shop/__init__.py", "")
        with self.assertRaises(ValueError):
            self.harness.load({"entry": "my-shop/"})

    def test_paths_of_the_case_folder_leave_messages(self):
        error = {"message": "cannot import name 'x' (/tmp/s/case-c1/inventory/models.py)",
                 "traceback": 'File "/tmp/s/case-c1/inventory/models.py", line 3'}
        package.without_case_dir(error, "/tmp/s/case-c1")
        self.assertEqual(error["message"], "cannot import name 'x' (inventory/models.py)")
        self.assertEqual(error["traceback"], 'File "inventory/models.py", line 3')


if __name__ == "__main__":
    unittest.main()
