import os
import shutil
import tempfile
import unittest

from harness_loader import module

errors = module("errors")

LEARNER = '''def outer(n):
    return inner(n)


def inner(n):
    return 10 // n
'''


class ExceptionDescriptionTest(unittest.TestCase):

    def setUp(self):
        self.case_dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.case_dir)
        # as in a case: the entry is in the case folder, the working directory
        with open(os.path.join(self.case_dir, "calc.py"), "w") as f:
            f.write(LEARNER)
        self.addCleanup(os.chdir, os.getcwd())
        os.chdir(self.case_dir)

    def raised(self, source, call, filename="calc.py"):
        namespace = {}
        exec(compile(source, filename, "exec"), namespace)
        try:
            call(namespace)
        except BaseException as e:
            return e
        self.fail("nothing raised")

    def test_locates_the_deepest_learner_frame_and_drops_the_rest(self):
        # called from here, so the stack also holds this test's (non-learner) frames
        e = self.raised(LEARNER, lambda ns: ns["outer"](0))
        error = errors.describe_exception(e, "calc.py", self.case_dir)
        self.assertEqual((error["type"], error["line"], error["file"], error["text"]),
                         ("ZeroDivisionError", 6, "calc.py", "return 10 // n"))
        self.assertEqual(error["mro"], ["ZeroDivisionError", "ArithmeticError", "Exception", "BaseException"])
        self.assertNotIn("test_errors", error["traceback"])
        self.assertIn('File "calc.py", line 2, in outer', error["traceback"])

    def test_a_helper_module_in_the_case_folder_is_the_learner_s_with_a_relative_path(self):
        helper = os.path.join(self.case_dir, "lib", "helper.py")
        e = self.raised("def boom():\n    raise KeyError('k')\n", lambda ns: ns["boom"](), filename=helper)
        error = errors.describe_exception(e, "calc.py", self.case_dir)
        self.assertEqual((error["file"], error["line"]), (os.path.join("lib", "helper.py"), 2))
        self.assertNotIn(self.case_dir, error["traceback"])

    def test_no_learner_frame_means_no_line(self):
        try:
            {}["missing"]
        except KeyError as e:
            error = errors.describe_exception(e, "calc.py", self.case_dir)
        self.assertEqual((error["line"], error["file"], error["text"]), (None, None, None))
        self.assertEqual(error["message"], "'missing'")

    def test_a_syntax_error_points_at_its_caret(self):
        try:
            compile("x = 1\nif x = 1:\n    pass\n", "broken.py", "exec")
        except SyntaxError as e:
            error = errors.describe_exception(e, "broken.py", self.case_dir)
        self.assertEqual((error["type"], error["file"], error["line"], error["text"]),
                         ("SyntaxError", "broken.py", 2, "if x = 1:"))
        self.assertTrue(error["offset"] >= 1)

    def test_an_import_error_names_its_module(self):
        e = ModuleNotFoundError("No module named 'flask'", name="flask")
        self.assertEqual(errors.describe_exception(e, "calc.py", self.case_dir)["module"], "flask")


class WhereTest(unittest.TestCase):

    def setUp(self):
        self.case_dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.case_dir)
        with open(os.path.join(self.case_dir, "calc.py"), "w") as f:
            f.write(LEARNER)

    def test_from_a_faulthandler_dump_keeps_the_learner_s_stack_most_recent_last(self):
        dump = ("Thread 0x01 (most recent call first):\n"
                '  File "/usr/lib/python3.11/threading.py", line 320 in wait\n'
                "Current thread 0x02 (most recent call first):\n"
                '  File "/opt/harness/case.py", line 99 in run_code\n'
                '  File "calc.py", line 6 in inner\n'
                '  File "calc.py", line 2 in outer\n'
                '  File "/opt/harness/case.py", line 90 in run_code\n')
        where = errors._where(dump, "calc.py", self.case_dir, LEARNER.splitlines())
        self.assertEqual((where["line"], where["file"], where["text"]), (6, "calc.py", "return 10 // n"))
        self.assertEqual(where["stack"], '  File "calc.py", line 2, in outer\n    return inner(n)\n'
                                         '  File "calc.py", line 6, in inner\n    return 10 // n')

    def test_no_learner_frame_no_where(self):
        dump = 'Current thread 0x02 (most recent call first):\n  File "/opt/harness/case.py", line 9 in f\n'
        self.assertIsNone(errors._where(dump, "calc.py", self.case_dir))
        self.assertIsNone(errors._where_from_frames([], "calc.py", self.case_dir))


if __name__ == "__main__":
    unittest.main()
