"""The 20 cases of graders/01-week1/03-functions/grader.yaml as plain pytest, for bench/oneshot.py.

Written by hand, case for case (same names, order, calls and expected values), with what sprout
does per case: a fresh module namespace (the file is executed anew), stdout captured, and one
source rule checked on the syntax tree. The file graded is $FUNCTIONS_PY, by default the
reference solution.
"""
import ast
import os
import pathlib
import types

import pytest

HERE = pathlib.Path(__file__).resolve().parent
SOURCE_PATH = pathlib.Path(os.environ.get(
    "FUNCTIONS_PY", HERE.parent / "graders" / "01-week1" / "03-functions" / "solution.py"))
SOURCE = SOURCE_PATH.read_text(encoding="utf-8")
CODE = compile(SOURCE, str(SOURCE_PATH), "exec")


@pytest.fixture
def m():
    """A fresh copy of the learner's module for each case."""
    module = types.ModuleType("functions")
    module.__file__ = str(SOURCE_PATH)
    exec(CODE, module.__dict__)
    return module


# make_greeting() returns the greeting
def test_make_greeting_uses_hello_by_default(m):
    assert m.make_greeting("Ana") == "Hello, Ana!"


def test_make_greeting_takes_another_greeting(m):
    assert m.make_greeting("Sam", "Good morning") == "Good morning, Sam!"


def test_make_greeting_with_greeting_as_a_keyword(m):
    assert m.make_greeting("Bo", greeting="Hi") == "Hi, Bo!"


def test_make_greeting_with_a_unicode_name(m):
    assert m.make_greeting("Zoë") == "Hello, Zoë!"


def test_make_greeting_returns_without_printing(m, capsys):
    assert m.make_greeting("Ana") == "Hello, Ana!"
    assert capsys.readouterr().out == ""


# print_greeting() prints it
def test_print_greeting_prints_the_greeting(m, capsys):
    m.print_greeting("Ana")
    assert capsys.readouterr().out == "Hello, Ana!\n"


def test_print_greeting_passes_the_greeting_on(m, capsys):
    m.print_greeting("Ana", "Hey")
    assert capsys.readouterr().out == "Hey, Ana!\n"


def test_print_greeting_reuses_make_greeting():
    tree = ast.parse(SOURCE)
    body = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "print_greeting")
    called = {n.func.id for n in ast.walk(body) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert "make_greeting" in called


# apply_discount() has a default percent
def test_apply_discount_takes_10_percent_off_by_default(m):
    value = m.apply_discount(50)
    assert value == 45.0 and isinstance(value, float)


def test_apply_discount_with_another_percent(m):
    assert m.apply_discount(80, 25) == 60.0


def test_apply_discount_with_percent_as_a_keyword(m):
    assert m.apply_discount(200, percent=50) == 100.0


def test_apply_discount_of_0_percent_keeps_the_price(m):
    assert m.apply_discount(19.99, 0) == pytest.approx(19.99)


def test_apply_discount_on_a_decimal_price(m):
    assert m.apply_discount(9.99, 10) == pytest.approx(8.991)


# add_score() and the default list trap
def test_add_score_starts_a_new_list(m):
    assert m.add_score(7) == [7]


def test_add_score_adds_to_a_given_list(m):
    assert m.add_score(9, [7, 8]) == [7, 8, 9]


def test_add_score_gives_each_call_its_own_new_list(m):
    assert [m.add_score(1), m.add_score(2)] == [[1], [2]]


def test_add_score_three_calls_in_a_row(m):
    assert (m.add_score(1), m.add_score(2), m.add_score(3))[2] == [3]


# add_points() keeps to its own scope
def test_add_points_adds(m):
    assert m.add_points(10, 5) == 15


def test_add_points_with_negative_points(m):
    assert m.add_points(3, -8) == -5


def test_add_points_leaves_the_global_alone(m):
    value = (m.add_points(3, 4), m.total_points)
    assert value == (7, 0) and isinstance(value, tuple)
