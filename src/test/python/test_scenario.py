"""Scenario cases (docs/harness-protocol.md, "Scenario cases"): steps compiled from the request,
run one after another in one namespace, each observed on its own."""

import io
import sys
import types
import unittest

from harness_loader import module

scenario = module("scenario")
errors = module("errors")

LEARNER = """
class Account:
    count = 0

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        Account.count += 1

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError("insufficient funds")
        self.balance -= amount
        print("withdrew", amount)


class Savings(Account):
    pass
"""


class FakeChild(object):
    """What run_steps uses of case.Child: the module, the limits, exit_code and describe."""

    def __init__(self, source=LEARNER, output_bytes=1 << 20):
        self.module = types.ModuleType("bank")
        exec(compile(source, "bank.py", "exec"), self.module.__dict__)
        self.limits = {"output_bytes": output_bytes}

    def exit_code(self, e):
        return e.code if isinstance(e.code, int) else 1

    def describe(self, e):
        return errors.describe_exception(e, "bank.py", "/nowhere")


def steps(*pairs):
    return scenario.decode_steps({"steps": [{"code": c, "mode": m} for c, m in pairs]})


class ScenarioTest(unittest.TestCase):

    def run_quietly(self, child, compiled):
        real = sys.stdout
        sys.stdout = io.StringIO()
        try:
            result = scenario.run_steps(child, compiled)
            printed = sys.stdout.getvalue()
        finally:
            sys.stdout = real
        return result, printed

    def test_steps_share_one_namespace_and_each_is_observed(self):
        result, printed = self.run_quietly(FakeChild(), steps(
            ("acc = Account('Ann', 100)", "exec"),
            ("acc.withdraw(30)", "exec"),
            ("acc.balance", "eval"),
            ("acc", "eval")))
        self.assertEqual(result["status"], "returned")
        first, second, third, fourth = result["steps"]
        self.assertEqual(first, {"status": "returned", "stdout": "", "stdout_truncated": False})
        self.assertEqual(second["stdout"], "withdrew 30\n")
        self.assertEqual(third["value"], {"t": "int", "v": "70"})
        self.assertEqual(third["type"], "int")
        self.assertEqual(fourth["type"], "Account")
        self.assertEqual(fourth["mro"], ["Account"])
        self.assertEqual(printed, "withdrew 30\n")  # the case's stdout gets it too

    def test_a_step_that_raises_is_recorded_and_the_session_goes_on(self):
        result, _ = self.run_quietly(FakeChild(), steps(
            ("acc = Savings('Ann', 10)", "exec"),
            ("acc.withdraw(500)", "exec"),
            ("acc.balance", "eval"),
            ("type(acc).__mro__[1].__name__", "eval")))
        raised = result["steps"][1]
        self.assertEqual(raised["status"], "raised")
        self.assertEqual(raised["exception"]["type"], "ValueError")
        self.assertEqual(raised["exception"]["message"], "insufficient funds")
        self.assertEqual(raised["exception"]["line"], 12)  # the learner's line, not the step's
        self.assertNotIn("<step", raised["exception"]["traceback"])
        self.assertEqual(result["steps"][2]["value"], {"t": "int", "v": "10"})
        self.assertEqual(result["steps"][3]["value"], {"t": "str", "v": "Account"})

    def test_an_eval_step_reports_the_class_and_its_bases(self):
        result, _ = self.run_quietly(FakeChild(), steps(("Savings('Bo')", "eval")))
        self.assertEqual(result["steps"][0]["type"], "Savings")
        self.assertEqual(result["steps"][0]["mro"], ["Savings", "Account"])

    def test_multi_line_statements_run_as_one_step(self):
        result, _ = self.run_quietly(FakeChild(), steps(
            ("total = 0\nfor n in range(3):\n    acc = Account(str(n), n)\n    total += acc.balance\n", "exec"),
            ("total, Account.count", "eval")))
        self.assertEqual(result["steps"][1]["repr"], "(3, 3)")

    def test_exit_in_a_step_is_recorded(self):
        result, _ = self.run_quietly(FakeChild(), steps(("raise SystemExit(3)", "exec"), ("1", "eval")))
        self.assertEqual(result["steps"][0]["status"], "exited")
        self.assertEqual(result["steps"][0]["exit_code"], 3)
        self.assertEqual(result["steps"][1]["status"], "returned")

    def test_a_step_keeps_at_most_output_bytes_of_what_it_printed(self):
        result, printed = self.run_quietly(FakeChild(output_bytes=5), steps(("print('abcdefgh')", "exec")))
        self.assertEqual(result["steps"][0]["stdout"], "abcde")
        self.assertTrue(result["steps"][0]["stdout_truncated"])
        self.assertEqual(printed, "abcdefgh\n")

    def test_the_steps_values_share_one_text_budget(self):
        big = "x" * (scenario.VALUE_TEXT_CAP // 2 + 10)
        child = FakeChild(output_bytes=scenario.VALUE_TEXT_CAP)
        child.module.big = big
        result, _ = self.run_quietly(child, steps(("big", "eval"), ("big", "eval"), ("'small'", "eval")))
        first, second, third = result["steps"]
        self.assertEqual(first["value"], {"t": "str", "v": big})
        self.assertEqual(second["value"]["t"], "other")  # over what is left: capped, with its length
        self.assertEqual(second["value"]["length"], len(big))
        self.assertEqual(third["value"], {"t": "str", "v": "small"})  # what is left still serves

    def test_stdout_is_restored_after_every_step(self):
        real = sys.stdout
        self.run_quietly(FakeChild(), steps(("1 / 0", "eval")))
        self.assertIs(sys.stdout, real)

    def test_malformed_steps_are_refused(self):
        for bad in (None, [], [{"code": "x"}], [{"code": 3, "mode": "exec"}], [{"code": "x", "mode": "single"}],
                    [{"code": "x", "mode": "eval"}] * (scenario.MAX_STEPS + 1)):
            with self.assertRaises(ValueError):
                scenario.decode_steps({"steps": bad})

    def test_a_step_that_does_not_compile_is_refused_before_anything_runs(self):
        with self.assertRaises(SyntaxError):
            steps(("acc = ", "exec"))
        with self.assertRaises(SyntaxError):
            steps(("x = 1", "eval"))


if __name__ == "__main__":
    unittest.main()
