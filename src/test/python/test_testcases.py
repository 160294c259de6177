"""Tests cases (kind "tests", harness/testcases.py): the learner's test file run against the
module in the case folder, by pytest when it is importable and by the harness's own runner
otherwise, through a real harness process (docs/harness-protocol.md, "Tests cases")."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from harness_loader import RUNNER

MODULE = '''
def total(prices, discount=0):
    if not 0 <= discount <= 100:
        raise ValueError("discount must be between 0 and 100")
    return round(sum(prices) * (100 - discount) / 100, 2)
'''

TESTS = '''import unittest

import pytest

from shop import total


def test_sum():
    assert total([1, 2]) == 3


def test_wrong_expectation():
    assert total([1, 2]) == 4


@pytest.mark.parametrize("discount", [-1, 101])
def test_bad_discount(discount):
    with pytest.raises(ValueError, match="between"):
        total([1], discount)


def test_wrong_exception_expected():
    with pytest.raises(KeyError):
        total([1], 200)


def test_nothing_raised():
    with pytest.raises(ValueError):
        total([1], 50)


def test_approx():
    assert total([0.1, 0.2]) == pytest.approx(0.3)


@pytest.mark.skip(reason="later")
def test_skipped():
    assert False


class TestGrouped:
    def test_in_class(self):
        assert total([]) == 0


class CaseTest(unittest.TestCase):
    def test_ok(self):
        self.assertEqual(total([10], 10), 9)

    def test_fails(self):
        self.assertEqual(total([10], 10), 8)


def helper_not_collected():
    assert False


@pytest.fixture
def prices():
    return [1, 2]


@pytest.fixture
def doubled(prices):
    TORN_DOWN.append(False)
    yield [p * 2 for p in prices]
    TORN_DOWN[-1] = True


TORN_DOWN = []


def test_fixtures(prices, doubled):
    assert total(prices) == 3 and total(doubled) == 6


def test_teardown_ran():
    assert TORN_DOWN == [True]


def test_missing_fixture(nonexistent):
    pass


@pytest.mark.parametrize("a, b", [(1, 2), pytest.param(3, 4)])
def test_pairs(a, b):
    assert total([a]) + 1 == b
'''

EXPECTED = {
    "test_sum": "passed",
    "test_wrong_expectation": "failed",
    "test_bad_discount[-1]": "passed",
    "test_bad_discount[101]": "passed",
    "test_wrong_exception_expected": "failed",
    "test_nothing_raised": "failed",
    "test_approx": "passed",
    "test_skipped": "skipped",
    "TestGrouped.test_in_class": "passed",
    "CaseTest.test_ok": "passed",
    "CaseTest.test_fails": "failed",
    "test_fixtures": "passed",
    "test_teardown_ran": "passed",
    "test_missing_fixture": "failed",
    "test_pairs[1-2]": "passed",
    "test_pairs[3-4]": "passed",
}


def has_pytest():
    return subprocess.run([sys.executable, "-c", "import pytest"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


class TestsCasesTest(unittest.TestCase):

    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="sprout-tests-")
        self.source = os.path.join(self.root, "src")
        self.scratch = os.path.join(self.root, "scratch")
        os.mkdir(self.source)
        os.mkdir(self.scratch)

    def tearDown(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def run_cases(self, tests_text, cases):
        with open(os.path.join(self.source, "test_shop.py"), "w") as f:
            f.write(tests_text)
        requests = [{"op": "hello"}, {"op": "load", "entry": "test_shop.py"}]
        for i, (runner, files) in enumerate(cases):
            requests.append({"op": "case", "id": "c%d" % i, "kind": "tests", "tests": {"runner": runner},
                             "files": files, "limits": {"wall_s": 20, "cpu_s": 10}})
        process = subprocess.run(
            [sys.executable, "-I", "-B", os.path.join(RUNNER, "harness.py"), self.source, self.scratch],
            input="".join(json.dumps(r) + "\n" for r in requests), stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, universal_newlines=True, timeout=120)
        replies = [json.loads(line) for line in process.stdout.splitlines() if line.strip()]
        return [r for r in replies if r.get("op") == "result"]

    def outcomes(self, result):
        self.assertEqual(result["status"], "returned", result)
        return dict((t["name"], t["outcome"]) for t in result["tests"]["results"])

    def test_builtin_runner_collects_what_pytest_would_and_reports_each_outcome(self):
        result, = self.run_cases(TESTS, [("builtin", {"shop.py": MODULE})])
        self.assertEqual(result["tests"]["runner"], "builtin")
        self.assertEqual(self.outcomes(result), EXPECTED)
        by_name = dict((t["name"], t) for t in result["tests"]["results"])
        self.assertEqual(by_name["test_wrong_expectation"]["line"], 13)
        self.assertEqual(by_name["test_wrong_expectation"]["message"], "assert total([1, 2]) == 4")
        self.assertIn("DID NOT RAISE", by_name["test_nothing_raised"]["message"])
        self.assertIn("ValueError", by_name["test_wrong_exception_expected"]["message"])
        self.assertEqual(by_name["CaseTest.test_fails"]["line"], 51)

    @unittest.skipUnless(has_pytest(), "pytest is not installed for this interpreter")
    def test_pytest_reports_the_same_outcomes_as_the_builtin_runner(self):
        result, = self.run_cases(TESTS, [("auto", {"shop.py": MODULE})])
        self.assertEqual(result["tests"]["runner"], "pytest")
        self.assertEqual(self.outcomes(result), EXPECTED)
        by_name = dict((t["name"], t) for t in result["tests"]["results"])
        self.assertEqual(by_name["test_wrong_expectation"]["line"], 13)
        self.assertIn("assert 3.0 == 4", by_name["test_wrong_expectation"]["message"])

    def test_the_module_written_for_the_case_is_the_one_tested(self):
        broken = MODULE.replace("round(", "int(").replace(", 2)", ")")
        real, mutant = self.run_cases(TESTS, [("builtin", {"shop.py": MODULE}), ("builtin", {"shop.py": broken})])
        self.assertEqual(self.outcomes(real)["test_approx"], "passed")
        self.assertEqual(self.outcomes(mutant)["test_approx"], "failed")

    def test_a_file_without_tests_reports_none(self):
        text = "from shop import total\n\n\ndef check_sum():\n    assert total([1]) == 1\n"
        for runner in ["builtin"] + (["auto"] if has_pytest() else []):
            result, = self.run_cases(text, [(runner, {"shop.py": MODULE})])
            self.assertEqual(result["tests"]["results"], [], runner)
            self.assertNotIn("error", result["tests"], runner)

    def test_a_file_that_fails_to_import_reports_an_error_not_tests(self):
        text = "from shop import nothing_here\n\n\ndef test_x():\n    assert True\n"
        for runner in ["builtin"] + (["auto"] if has_pytest() else []):
            result, = self.run_cases(text, [(runner, {"shop.py": MODULE})])
            self.assertEqual(result["tests"]["results"], [], runner)
            self.assertIn("nothing_here", result["tests"]["error"], runner)
            self.assertNotIn(self.scratch, result["tests"]["error"], runner)
            self.assertTrue(result["tests"]["error"].startswith(("test_shop.py", "Traceback")), result["tests"]["error"])

    def test_a_learners_pytest_py_does_not_replace_the_runner(self):
        fake = "def main(*a, **k):\n    return 0\n\n\ndef raises(*a, **k):\n    return None\n"
        result, = self.run_cases(TESTS, [("auto", {"shop.py": MODULE, "pytest.py": fake})])
        self.assertEqual(self.outcomes(result), EXPECTED)

    def test_a_test_that_never_ends_runs_into_the_time_limit(self):
        text = "def test_forever():\n    while True:\n        pass\n"
        with open(os.path.join(self.source, "test_shop.py"), "w") as f:
            f.write(text)
        request = {"op": "case", "id": "loop", "kind": "tests", "tests": {"runner": "builtin"}, "files": {},
                   "limits": {"wall_s": 1, "cpu_s": 0.5}}
        process = subprocess.run(
            [sys.executable, "-I", "-B", os.path.join(RUNNER, "harness.py"), self.source, self.scratch],
            input=json.dumps({"op": "load", "entry": "test_shop.py"}) + "\n" + json.dumps(request) + "\n",
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
        result = [json.loads(l) for l in process.stdout.splitlines() if '"result"' in l][0]
        self.assertIn(result["status"], ("timeout", "cpu-limit"))
        self.assertIn(result["where"]["line"], (2, 3))


if __name__ == "__main__":
    unittest.main()
