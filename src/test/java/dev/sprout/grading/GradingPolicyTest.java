package dev.sprout.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sprout.result.Verdict;
import dev.sprout.runner.DatabaseSeen;
import dev.sprout.runner.Observation;
import dev.sprout.runner.SourceFacts;
import dev.sprout.runner.TestRun;
import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecParser;
import dev.sprout.value.PyValue;

/**
 * The grading policy as a table, without Python: what the harness would report for a case, the
 * case's expectation, and the verdict's status and learner-facing message. One row per rule.
 */
class GradingPolicyTest {

    private static final GraderSpec SPEC = SpecParser.parse(Path.of("grader.yaml"), "adder", """
            version: 1
            entry: adder.py
            requires: [flask]
            module: adder_lib.py
            tasks:
              - name: Adding
                cases:
                  - {name: adds, call: add, args: [2, 3], expect: {value: 5}}
                  - {name: raises, call: add, args: [1, x], expect: {raises: TypeError}}
                  - {name: raises with message, call: add, args: [1, x], expect: {raises: TypeError, message: "must be int"}}
                  - {name: pairs, call: pairs, expect: {value: [[1, 2], [3, 4]]}}
                  - {name: counts, call: counts, args: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]], expect: {value: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]}}
                  - {name: prints, call: add, args: [2, 3], expect: {stdout: "5"}}
                  - {name: writes, call: add, args: [2, 3], expect: {files: {out.txt: "5", tmp.txt: {absent: true}}}}
                  - {name: program, run: {stdin: "2\\n3\\n"}, expect: {stdout: "5"}}
                  - {name: greets, run: {stdin: "Ana\\n"}, expect: {stdout: {regex: 'Hello, Ana![ \\t]*$'}}}
                  - {name: greets oddly, run: {stdin: "Ana\\n"}, expect: {stdout: {regex: 'Hel+o'}}}
                  - {name: program fails, run: {argv: [x]}, expect: {exit_code: 2, stderr: "usage"}}
                  - name: api
                    http: {app: app, requests: [{method: GET, path: /}]}
                    expect: {status: 200, json: {sum: 5}, headers: {Content-Type: {contains: [json]}}, body: {contains: ["5"]}}
                  - name: page
                    http: {app: app, requests: [{method: GET, path: /}]}
                    expect: {headers: {X-Total: "5"}, body: {contains: ["Total"]}}
                  - name: notes
                    http:
                      app: app
                      steps:
                        - {method: POST, path: /notes, json: {text: hi}, expect: {status: 201, headers: {Location: /notes/1}}}
                        - {path: /login, query: {next: /notes}}
                        - {method: POST, path: /notes, body: "{", expect: {status: 400, json: {error: bad json}}}
                  - name: notes page
                    http:
                      app: app
                      steps:
                        - path: /notes
                          expect:
                            status: 200
                            html:
                              - {select: h1, text: Notes}
                              - {select: li.note, count: 2}
                              - {select: li.note, texts: ["<b>hi</b>", two]}
                              - {select: "a#next", attr: {href: /page/2}}
                              - {select: form}
                  - name: weather
                    call: weather
                    args: [London]
                    stub: {name: the weather API, env: WEATHER_API_URL, routes: [{path: /weather, query: {city: London}, json: {temp: 11.5}}]}
                    expect: {value: 5, requests: {count: 1, first: {method: GET, path: /weather, query: {city: London}}, each: {headers: {X-Api-Key: {contains: [k]}}}}}
                  - name: cached
                    run: {argv: [London]}
                    stub: {name: the weather API, routes: [{path: /weather, json: {temp: 11.5}}]}
                    expect: {stdout: "11.5", requests: {count: 0}}
                  - name: posts
                    call: save
                    stub: {routes: [{method: POST, path: /notes, status: 201}]}
                    expect: {raises: ValueError, requests: {some: {method: POST, json: {n: 1}}}}
                  - name: no sorted
                    source: {forbid_calls: [sorted], require_functions: [add], message: "Try a for loop."}
                  - name: imports math
                    source: {require_imports: [math]}
                  - {name: tests pass, tests: {}}
                  - {name: catches zero, tests: {mutant: mutants/zero.py}, describe: "your tests do not check adding zero"}
                  - name: account
                    scenario:
                      - do: "acc = Account(100)"
                      - do: "acc.withdraw(500)"
                        expect: {raises: ValueError, message: "insufficient"}
                      - eval: "acc.balance"
                        expect: {value: 100}
                      - eval: "acc"
                        expect: {type: Account}
                      - do: |
                          for line in acc.report():
                              print(line)
                        expect: {stdout: "Balance: 100"}
                  - name: sorts by hand
                    source: {forbid_calls: [sorted, .sort]}
            """);

    /** The notes page, with the user's note escaped as a template engine does. */
    private static final String PAGE = """
            <!doctype html>
            <html><head><title>Notes</title></head>
            <body><h1>Notes</h1>
            <ul><li class="note">&lt;b&gt;hi&lt;/b&gt;</li><li class="note">two</li></ul>
            <a id="next" href="/page/2">next</a>
            <form method="post"><input name="text"></form>
            </body></html>
            """;

    private static final String BUSY =
            "Your code was still running when its time ran out, busy computing the whole time (the limit is 2 "
                    + "seconds of computing time, 5 seconds in all). A loop that never ends, or does far more work "
                    + "than needed, is the usual cause: the condition of a `while` must become false.";

    private static final String TOP_LEVEL = "It happened while the checker was loading your file to test a function: "
            + "code outside functions runs then too. Put the part of your program that asks questions or loops under "
            + "`if __name__ == \"__main__\":` so it only runs when you start the program yourself.";

    private final CaseGrader grader = new CaseGrader("adder", "adder.py");

    /** One rule: a case, what the harness saw, and the verdict the learner gets. */
    record Row(String rule, String caseName, Observation seen, Verdict.Status status, String message) {
        @Override
        public String toString() {
            return rule;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("observations")
    void gradesWhatTheHarnessObserved(Row row) {
        Case testCase = SPEC.cases()
                .filter(c -> c.name().equals(row.caseName()))
                .findFirst()
                .orElseThrow();

        Verdict verdict =
                grader.grade(new CaseContext(testCase, 1, "Adding", Limits.DEFAULTS), row.seen(), SPEC.requires());

        assertThat(verdict.status()).isEqualTo(row.status());
        assertThat(verdict.message()).isEqualTo(row.message());
        assertThat(verdict.points()).isEqualTo(row.status() == Verdict.Status.PASSED ? testCase.points() : 0);
    }

    /** A rule decided without running the case: from the source's facts, the session, or an earlier case. */
    record Decision(
            String rule,
            String caseName,
            BiFunction<CaseGrader, CaseContext, Verdict> decide,
            Verdict.Status status,
            String message) {
        @Override
        public String toString() {
            return rule;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decidesCasesThatDoNotRun(Decision row) {
        Case testCase = SPEC.cases()
                .filter(c -> c.name().equals(row.caseName()))
                .findFirst()
                .orElseThrow();

        Verdict verdict = row.decide().apply(grader, new CaseContext(testCase, 1, "Adding", Limits.DEFAULTS));

        assertThat(verdict.status()).isEqualTo(row.status());
        assertThat(verdict.message()).isEqualTo(row.message());
        assertThat(verdict.millis()).isZero();
    }

    private static SourceFacts calls(SourceFacts.Fact... calls) {
        return new SourceFacts(List.of(calls), List.of(), List.of(), List.of(), List.of());
    }

    static Stream<Decision> decisions() {
        SourceFacts sorts = new SourceFacts(
                List.of(new SourceFacts.Fact("sorted", 3)),
                List.of(),
                List.of(),
                List.of(new SourceFacts.Fact("add", 1)),
                List.of());
        SourceFacts clean = new SourceFacts(
                List.of(),
                List.of(new SourceFacts.Fact("math", 1)),
                List.of(),
                List.of(new SourceFacts.Fact("add", 1)),
                List.of());
        SourceFacts noFunction = new SourceFacts(List.of(), List.of(), List.of(), List.of(), List.of());
        Verdict stuckCall = new CaseGrader("adder", "adder.py")
                .verdict(
                        new CaseContext(SPEC.cases().findFirst().orElseThrow(), 1, "Adding", Limits.DEFAULTS),
                        Outcome.of(Verdict.Status.TIMEOUT, "stuck"));
        return Stream.of(
                new Decision(
                        "source rules that hold pass",
                        "no sorted",
                        (g, c) -> g.source(c, clean),
                        Verdict.Status.PASSED,
                        ""),
                new Decision(
                        "a forbidden call names its line, after the exercise's own message",
                        "no sorted",
                        (g, c) -> g.source(c, sorts),
                        Verdict.Status.FAILED,
                        "Try a for loop. (line 3 calls `sorted()`, which this exercise asks you not to use)"),
                new Decision(
                        "a required function that is missing",
                        "no sorted",
                        (g, c) -> g.source(c, noFunction),
                        Verdict.Status.FAILED,
                        "Try a for loop. (your file should define a function `add()`)"),
                new Decision(
                        "a required import that is missing, without an exercise message",
                        "imports math",
                        (g, c) -> g.source(c, noFunction),
                        Verdict.Status.FAILED,
                        "your file should import `math`"),
                new Decision(
                        "a learner's own def sort() and own sorted() break no rule on sorted and .sort",
                        "sorts by hand",
                        (g, c) -> g.source(
                                c,
                                calls(
                                        new SourceFacts.Fact("sort", 9, false, false, true),
                                        new SourceFacts.Fact("sorted", 10, false, false, true))),
                        Verdict.Status.PASSED,
                        ""),
                new Decision(
                        "a forbidden method is any receiver's, named with its line",
                        "sorts by hand",
                        (g, c) -> g.source(c, calls(new SourceFacts.Fact("sort", 7, true, false, false))),
                        Verdict.Status.FAILED,
                        "line 7 calls the method `.sort()`, which this exercise asks you not to use"),
                new Decision(
                        "the built-in sorted() is found beside the learner's own sort()",
                        "sorts by hand",
                        (g, c) -> g.source(
                                c,
                                calls(
                                        new SourceFacts.Fact("sort", 5, false, false, true),
                                        new SourceFacts.Fact("sorted", 7, false, false, false))),
                        Verdict.Status.FAILED,
                        "line 7 calls `sorted()`, which this exercise asks you not to use"),
                new Decision(
                        "a generated case whose reference failed is the grader's fault, and says so",
                        "adds",
                        (g, c) -> g.referenceBroken(c, "generators.py's pairs() raised ValueError: boom"),
                        Verdict.Status.ERROR,
                        "sprout could not make this check's inputs or its expected answer, so it did not run your"
                                + " code: generators.py's pairs() raised ValueError: boom. This is a problem in the"
                                + " exercise's grader, not in your code: tell your mentor or the exercise's author."),
                new Decision(
                        "a bare name forbids no method of that name",
                        "no sorted",
                        (g, c) -> g.source(
                                c,
                                new SourceFacts(
                                        List.of(new SourceFacts.Fact("sorted", 4, true, false, false)),
                                        List.of(),
                                        List.of(),
                                        List.of(new SourceFacts.Fact("add", 1)),
                                        List.of())),
                        Verdict.Status.PASSED,
                        ""),
                new Decision(
                        "a missing dependency on CPython says how to install it",
                        "api",
                        (g, c) -> g.missingDependency(
                                c,
                                List.of("flask"),
                                new RunWith(
                                        RunWith.Kind.CPYTHON,
                                        "Python 3.11.7 (/usr/bin/python3), sandbox tier A (bwrap)")),
                        Verdict.Status.MISSING_DEPENDENCY,
                        "This exercise needs flask, which is not installed for "
                                + "Python 3.11.7 (/usr/bin/python3), sandbox tier A (bwrap). Install it with `python3 -m pip "
                                + "install flask` (Debian/Ubuntu: `sudo apt-get install python3-flask`, then run sprout with "
                                + "`--python /usr/bin/python3`). This is not a problem with your code."),
                new Decision(
                        "requests missing on CPython says which Debian package has it",
                        "weather",
                        (g, c) -> g.missingDependency(
                                c,
                                List.of("requests"),
                                new RunWith(
                                        RunWith.Kind.CPYTHON,
                                        "Python 3.11.7 (/usr/bin/python3), sandbox tier A (bwrap)")),
                        Verdict.Status.MISSING_DEPENDENCY,
                        "This exercise needs requests, which is not installed for "
                                + "Python 3.11.7 (/usr/bin/python3), sandbox tier A (bwrap). Install it with `python3 -m pip "
                                + "install requests` (Debian/Ubuntu: `sudo apt-get install python3-requests`, then run "
                                + "sprout with `--python /usr/bin/python3`). This is not a problem with your code."),
                new Decision(
                        "a case with a stub API on GraalPy asks for a real Python",
                        "weather",
                        CaseGrader::stubNeedsCPython,
                        Verdict.Status.MISSING_DEPENDENCY,
                        "This case sends requests to a stub web API, which GraalPy (sprout's built-in Python) "
                                + "cannot do. Install Python 3.8 or newer, then grade again (sprout uses it when it "
                                + "finds it, or with `--engine cpython`). This is not a problem with your code."),
                new Decision(
                        "a missing dependency on GraalPy asks for a real Python",
                        "api",
                        (g, c) -> g.missingDependency(
                                c,
                                List.of("flask"),
                                new RunWith(
                                        RunWith.Kind.GRAALPY,
                                        "GraalPy 3.12.8 (sprout's built-in Python, in a worker JVM), sandbox tier A (bwrap)")),
                        Verdict.Status.MISSING_DEPENDENCY,
                        "This exercise needs flask, which GraalPy (sprout's built-in "
                                + "Python) cannot run. Install Python 3.8 or newer and Flask (Debian/Ubuntu: `sudo apt-get "
                                + "install python3-flask`), then grade again (sprout uses it when it finds it, or with "
                                + "`--engine cpython`). This is not a problem with your code."),
                new Decision(
                        "a case that would load a stuck file again is not run",
                        "raises",
                        (g, c) -> g.notRunAfterStuckLoad(c, stuckCall),
                        Verdict.Status.TIMEOUT,
                        "Not run: loading your file never finished in \"adds\", and this test loads it the same way. "
                                + TOP_LEVEL),
                new Decision(
                        "a program stuck before reading input is not run with other input",
                        "program",
                        (g, c) -> g.notRunAfterStuckLoad(c, stuckCall),
                        Verdict.Status.TIMEOUT,
                        "Not run: your program never finished in \"adds\", before it even read its input, so it would "
                                + "not finish with this test's input either."),
                new Decision(
                        "at the keyboard, the tests after one that ran out of time are not run",
                        "program",
                        (g, c) -> g.notRunAfterTimeLimit(c, stuckCall),
                        Verdict.Status.TIMEOUT,
                        "Not run: fix the loop first. \"adds\" was still running when its time ran out, and the other "
                                + "tests would most likely wait just as long."),
                new Decision(
                        "a forbidden call in a file of a package names the file and its line",
                        "no sorted",
                        (g, c) -> g.source(
                                c,
                                new SourceFacts(
                                        List.of(new SourceFacts.Fact("sorted", 3, "inventory/report.py")),
                                        List.of(),
                                        List.of(),
                                        List.of(new SourceFacts.Fact("add", 1, "inventory/__init__.py")),
                                        List.of())),
                        Verdict.Status.FAILED,
                        "Try a for loop. (inventory/report.py, line 3 calls `sorted()`, which this exercise asks you "
                                + "not to use)"),
                new Decision(
                        "on GraalPy, a package exercise's cases need CPython",
                        "adds",
                        (g, c) -> new CaseGrader("inventory", "inventory/").packageNeedsCPython(c),
                        Verdict.Status.MISSING_DEPENDENCY,
                        "This exercise's code is a package (the folder inventory/), and sprout runs packages with "
                                + "CPython only: install Python 3 (python.org) and check again, or use --engine cpython."));
    }

    static Stream<Row> observations() {
        return Stream.of(
                new Row(
                        "tests that all pass on the real module pass",
                        "tests pass",
                        ran("passed", "passed", "skipped").seen(),
                        Verdict.Status.PASSED,
                        ""),
                new Row(
                        "a test that fails on the real module fails, naming it, its line and why",
                        "tests pass",
                        ran("passed", "failed").seen(),
                        Verdict.Status.FAILED,
                        "1 of your 2 tests failed against the real adder_lib.py, which is correct: a test that fails "
                                + "on correct code expects the wrong thing. Work out by hand what the code should "
                                + "give, and check what the test expects. `test_2` (line 11): assert 4 == 5."),
                new Row(
                        "a test file with no tests (or only skipped ones) is not a pass",
                        "tests pass",
                        ran("skipped").seen(),
                        Verdict.Status.FAILED,
                        "No tests were found in adder.py: sprout runs functions whose names start with `test` (like "
                                + "`def test_empty_cart():`) and the test methods of `unittest.TestCase` classes. "
                                + "Write at least one, with an `assert` in it."),
                new Row(
                        "a test file that does not load says so and shows why",
                        "tests pass",
                        seen(Observation.Status.RETURNED)
                                .tests(new TestRun(
                                        "pytest", List.of(), 0, Optional.of("ImportError: cannot import name 'x'")))
                                .seen(),
                        Verdict.Status.ERROR,
                        "Your test file adder.py could not be loaded, so none of its tests ran (the error is below). "
                                + "Check the imports at its top (`from adder_lib import ...`) and any code outside "
                                + "your test functions."),
                new Row(
                        "a mutant is caught by a test that fails on it",
                        "catches zero",
                        ran("passed", "failed").seen(),
                        Verdict.Status.PASSED,
                        ""),
                new Row(
                        "a mutant missed is described in the spec's words, never as code",
                        "catches zero",
                        ran("passed", "passed", "passed")
                                .stdout("def add(a, b):")
                                .seen(),
                        Verdict.Status.FAILED,
                        "All 3 of your tests passed against a broken adder_lib.py: your tests do not check adding "
                                + "zero. Add a test that fails when that goes wrong."),
                new Row(
                        "no tests against a mutant is the no-tests verdict, not a missed mutant",
                        "catches zero",
                        ran().seen(),
                        Verdict.Status.FAILED,
                        "No tests were found in adder.py: sprout runs functions whose names start with `test` (like "
                                + "`def test_empty_cart():`) and the test methods of `unittest.TestCase` classes. "
                                + "Write at least one, with an `assert` in it."),
                new Row(
                        "tests out of time against a mutant did not catch it, and where they stopped is not shown",
                        "catches zero",
                        seen(Observation.Status.TIMEOUT)
                                .where(3, "File \"adder_lib.py\", line 3, in add")
                                .seen(),
                        Verdict.Status.TIMEOUT,
                        "Your tests were still running when their time ran out against a broken adder_lib.py, so "
                                + "they did not catch it: your tests do not check adding zero."),
                new Row(
                        "a test file that does not load cannot catch a mutant",
                        "catches zero",
                        raised("SyntaxError", "invalid syntax").seen(),
                        Verdict.Status.ERROR,
                        "Your test file adder.py could not be loaded, so it could not check this broken version "
                                + "either. Make it load first: see the check that runs your tests against the real "
                                + "module."),
                new Row("the right value passes", "adds", returned(5).seen(), Verdict.Status.PASSED, ""),
                new Row(
                        "a wrong value fails, saying both values",
                        "adds",
                        returned(6).seen(),
                        Verdict.Status.FAILED,
                        "add(2, 3) should return 5, but it returned 6 (the values differ)."),
                new Row(
                        "a difference inside nested lists names one path to it",
                        "pairs",
                        seen(Observation.Status.RETURNED)
                                .value(list(list(1, 2), list(4, 4)))
                                .seen(),
                        Verdict.Status.FAILED,
                        "pairs() should return [[1, 2], [3, 4]], but it returned [[1, 2], [4, 4]] "
                                + "(at [1][0]: expected 3, got 4)."),
                new Row(
                        "long lists are cut around the first difference, arguments too",
                        "counts",
                        seen(Observation.Status.RETURNED)
                                .value(counting(30, 20, 99))
                                .seen(),
                        Verdict.Status.FAILED,
                        "counts([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, … (20 more items)]) should return [… (17 more items), "
                                + "17, 18, 19, 20, 21, 22, 23, 24, 25, 26, … (3 more items)], but it returned [… (17 more items), "
                                + "17, 18, 19, 99, 21, 22, 23, 24, 25, 26, … (3 more items)] (at [20]: expected 20, got 99)."),
                new Row(
                        "None after printing: use return, not print",
                        "adds",
                        seen(Observation.Status.RETURNED)
                                .stdout("5\n")
                                .value(new PyValue.PyNone())
                                .seen(),
                        Verdict.Status.FAILED,
                        "add(2, 3) should return 5, but it returned None (expected an int, got a "
                                + "NoneType). It printed something instead: use `return` to give the value back, not `print`."),
                new Row(
                        "the expected exception passes",
                        "raises",
                        raised("TypeError", "bad operand").seen(),
                        Verdict.Status.PASSED,
                        ""),
                new Row(
                        "another exception than the expected one fails",
                        "raises",
                        raised("ValueError", "no").seen(),
                        Verdict.Status.FAILED,
                        "Expected TypeError to be raised, but your code raised ValueError: no."),
                new Row(
                        "an exception's message must match",
                        "raises with message",
                        raised("TypeError", "bad operand").seen(),
                        Verdict.Status.FAILED,
                        "Your code raised TypeError as it should, but its message \"bad operand\" does not match what "
                                + "the exercise asks for."),
                new Row(
                        "returning instead of raising fails",
                        "raises",
                        returned(1).seen(),
                        Verdict.Status.FAILED,
                        "Expected TypeError to be raised, but your code returned 1."),
                new Row(
                        "an unexpected exception is an error, with advice",
                        "adds",
                        raised("TypeError", "can only concatenate str").line(2).seen(),
                        Verdict.Status.ERROR,
                        "Your code raised TypeError: can only concatenate str (adder.py, line 2). Check the types: "
                                + "`input()` always gives a string; convert it with int() or float()."),
                new Row(
                        "a call missing an argument gets advice about calls, not about input()",
                        "adds",
                        raised("TypeError", "wrapper() missing 1 required positional argument: 'x'")
                                .line(2)
                                .seen(),
                        Verdict.Status.ERROR,
                        "Your code raised TypeError: wrapper() missing 1 required positional argument: 'x' "
                                + "(adder.py, line 2). A function was called with fewer arguments than its `def` "
                                + "lists: compare the call with the parameters."),
                new Row(
                        "a type error without a string in it gets no input() advice",
                        "adds",
                        raised("TypeError", "'NoneType' object is not subscriptable")
                                .line(2)
                                .seen(),
                        Verdict.Status.ERROR,
                        "Your code raised TypeError: 'NoneType' object is not subscriptable (adder.py, line 2). "
                                + "A value of the wrong type was used: the message says which types met."),
                new Row(
                        "an unpacking error gets its own advice, not int(\"abc\")'s",
                        "adds",
                        raised("ValueError", "too many values to unpack (expected 2)")
                                .line(3)
                                .seen(),
                        Verdict.Status.ERROR,
                        "Your code raised ValueError: too many values to unpack (expected 2) "
                                + "(adder.py, line 3). The number of names on the left of `=` must match the number of values "
                                + "on the right: `a, b = \"1 2\".split()` works, `a, b = \"1 2 3\".split()` does not."),
                new Row(
                        "another ValueError keeps the usual advice",
                        "adds",
                        raised("ValueError", "invalid literal for int() with base 10: 'x'")
                                .seen(),
                        Verdict.Status.ERROR,
                        "Your code raised ValueError: invalid literal for int() with base 10: 'x'. "
                                + "A value had the right type but a wrong form, e.g. int(\"abc\")."),
                new Row(
                        "recursion deeper than Python allows is not called endless",
                        "adds",
                        raised("RecursionError", "maximum recursion depth exceeded in comparison")
                                .line(4)
                                .seen(),
                        Verdict.Status.ERROR,
                        "Your code raised RecursionError: maximum recursion depth exceeded in "
                                + "comparison (adder.py, line 4). A function called itself more times in a row than Python "
                                + "allows (about 1,000 calls deep). If it never stops calling itself, check the case that should "
                                + "end it; if the input is just big, use a loop instead."),
                new Row(
                        "an exception while loading the file blames top-level code",
                        "adds",
                        raised("EOFError", "EOF when reading a line")
                                .line(1)
                                .traceback("File \"adder.py\", line 1, in <module>")
                                .seen(),
                        Verdict.Status.ERROR,
                        "Your code raised EOFError: EOF when reading a line (adder.py, line 1). " + TOP_LEVEL),
                new Row(
                        "a required module that cannot be imported is a missing dependency",
                        "adds",
                        raised("ModuleNotFoundError", "No module named 'flask'").seen(),
                        Verdict.Status.MISSING_DEPENDENCY,
                        "This exercise needs flask, which this Python cannot import. "
                                + "This is not a problem with your code."),
                new Row(
                        "a wall-clock timeout says where the code was busy",
                        "program",
                        seen(Observation.Status.TIMEOUT)
                                .where(4, "File \"adder.py\", line 4, in add")
                                .seen(),
                        Verdict.Status.TIMEOUT,
                        "Your code was still running after 5 seconds. It was busy on line 4 of "
                                + "adder.py. Check that every loop can end: the condition of a `while` must become false, and "
                                + "`input()` is only called as often as the exercise needs."),
                new Row(
                        "a timeout in top-level code while loading blames top-level code",
                        "adds",
                        seen(Observation.Status.TIMEOUT)
                                .where(2, "File \"adder.py\", line 2, in <module>")
                                .seen(),
                        Verdict.Status.TIMEOUT,
                        "Your code was still running after 5 seconds. It was busy on line 2 of "
                                + "adder.py. Check that every loop can end: the condition of a `while` must become false, and "
                                + "`input()` is only called as often as the exercise needs. " + TOP_LEVEL),
                new Row(
                        "a case never started because the submission's time was spent says so, not \"still running\"",
                        "program",
                        Observation.failure(
                                Observation.Status.TIMEOUT,
                                "SubmissionTimeout",
                                "the whole submission ran out of time (60 s)",
                                0),
                        Verdict.Status.TIMEOUT,
                        "Not run: all the tests of this exercise together may take 60 seconds, and the tests before "
                                + "this one used up that time. Make those finish first."),
                new Row(
                        "a case cut short by the submission's time says so, with the time it had",
                        "program",
                        Observation.failure(Observation.Status.TIMEOUT, "Timeout", "the program did not finish", 1234),
                        Verdict.Status.TIMEOUT,
                        "Stopped after 1.2 seconds, before its own limit of 5 seconds: all the "
                                + "tests of this exercise together may take 60 seconds, and that time ran out. Make the slow "
                                + "tests before it finish first."),
                new Row(
                        "the CPU limit",
                        "adds",
                        seen(Observation.Status.CPU_LIMIT).seen(),
                        Verdict.Status.CPU_LIMIT,
                        BUSY),
                new Row(
                        "a busy loop that ran out of wall time first reads as the CPU limit does",
                        "adds",
                        seen(Observation.Status.TIMEOUT).elapsed(5000).cpu(1900).seen(),
                        Verdict.Status.CPU_LIMIT,
                        BUSY),
                new Row(
                        "a program that ran out of time after its input ran out was looping on EOFError",
                        "program",
                        seen(Observation.Status.TIMEOUT)
                                .elapsed(5000)
                                .cpu(1900)
                                .where(3, "File \"adder.py\", line 3, in <module>")
                                .inputExhausted()
                                .seen(),
                        Verdict.Status.CPU_LIMIT,
                        "Your program kept running after the checker's answers ran out: every input() after that "
                                + "raised EOFError. It was busy on line 3 of adder.py. A bare `except:` (or `except "
                                + "Exception:`) around input() catches it and loops forever — catch ValueError instead, "
                                + "or stop when input ends."),
                new Row(
                        "the CPU limit after input ran out says so too",
                        "program",
                        seen(Observation.Status.CPU_LIMIT).inputExhausted().seen(),
                        Verdict.Status.CPU_LIMIT,
                        "Your program kept running after the checker's answers ran out: every input() after that "
                                + "raised EOFError. A bare `except:` (or `except Exception:`) around input() catches it "
                                + "and loops forever — catch ValueError instead, or stop when input ends."),
                new Row(
                        "code that sleeps past its time is waiting, not busy",
                        "adds",
                        seen(Observation.Status.TIMEOUT).elapsed(5000).cpu(12).seen(),
                        Verdict.Status.TIMEOUT,
                        "Your code was still waiting after 5 seconds, computing almost nothing: a `time.sleep()`, or "
                                + "a wait for something that never comes. Check that every wait is needed, and short."),
                new Row(
                        "the memory limit",
                        "adds",
                        seen(Observation.Status.MEMORY_LIMIT).seen(),
                        Verdict.Status.MEMORY_LIMIT,
                        "Your code used more than 512 MiB of memory. A list or string that "
                                + "keeps growing inside a loop is the usual cause."),
                new Row(
                        "the output limit",
                        "adds",
                        seen(Observation.Status.OUTPUT_LIMIT).seen(),
                        Verdict.Status.OUTPUT_LIMIT,
                        "Your code printed more than 1024 KiB. Is a `print` inside a loop " + "that never ends?"),
                new Row(
                        "a crash names the signal",
                        "adds",
                        raised("SIGSEGV", "").status(Observation.Status.CRASHED).seen(),
                        Verdict.Status.CRASHED,
                        "Python itself stopped (SIGSEGV). This is rare: it can come "
                                + "from very deep recursion or from ending the process from inside your code."),
                new Row(
                        "a harness error is sprout's, not the learner's",
                        "adds",
                        raised("HarnessError", "bad frame")
                                .status(Observation.Status.HARNESS_ERROR)
                                .seen(),
                        Verdict.Status.ERROR,
                        "sprout could not run this case: bad frame"),
                new Row(
                        "exit() during a call",
                        "adds",
                        seen(Observation.Status.EXITED).seen(),
                        Verdict.Status.ERROR,
                        "Your code called exit() (or sys.exit()) while the test was calling it, so nothing was "
                                + "returned. Use `return` to give back a value."),
                new Row(
                        "a call that ended the whole program",
                        "adds",
                        seen(Observation.Status.NO_RESULT).seen(),
                        Verdict.Status.ERROR,
                        "Your code ended the whole program (os._exit?) before the function returned."),
                new Row(
                        "a program that printed the right thing passes",
                        "program",
                        seen(Observation.Status.NO_RESULT).stdout("5\n").seen(),
                        Verdict.Status.PASSED,
                        ""),
                new Row(
                        "what a call printed must match",
                        "prints",
                        returned(5).stdout("6\n").seen(),
                        Verdict.Status.FAILED,
                        "What your code printed is not what the exercise asks for: the output is different."),
                new Row(
                        "a program's exit code must match",
                        "program fails",
                        seen(Observation.Status.NO_RESULT).exitCode(1).seen(),
                        Verdict.Status.FAILED,
                        "Your program should end with exit code 2, but it ended with 1."),
                new Row(
                        "a pattern for one line is said in words, not shown as a regex",
                        "greets",
                        seen(Observation.Status.NO_RESULT).stdout("Hello Ana\n").seen(),
                        Verdict.Status.FAILED,
                        "What your code printed is not what the exercise asks for: the output should have a line that "
                                + "ends with \"Hello, Ana!\"."),
                new Row(
                        "a pattern that is no plain line is not shown either",
                        "greets oddly",
                        seen(Observation.Status.NO_RESULT).stdout("Hi\n").seen(),
                        Verdict.Status.FAILED,
                        "What your code printed is not what the exercise asks for: the output is not in the expected form."),
                new Row(
                        "what a program wrote to stderr must match",
                        "program fails",
                        seen(Observation.Status.NO_RESULT)
                                .exitCode(2)
                                .stderr("oops\n")
                                .seen(),
                        Verdict.Status.FAILED,
                        "What your code wrote to stderr is not what the exercise asks for: the output is different."),
                new Row(
                        "a file that must be left is missing",
                        "writes",
                        returned(5).file("tmp.txt", null).seen(),
                        Verdict.Status.FAILED,
                        "Your code should leave a file named out.txt, but there is none."),
                new Row(
                        "a file left behind has the wrong content",
                        "writes",
                        returned(5).file("out.txt", "6").seen(),
                        Verdict.Status.FAILED,
                        "The file out.txt is not as expected: the output is different."),
                new Row(
                        "a file that must be gone is still there",
                        "writes",
                        returned(5).file("out.txt", "5").file("tmp.txt", "x").seen(),
                        Verdict.Status.FAILED,
                        "The file tmp.txt should not exist afterwards, but it does."),
                new Row(
                        "an app that sent no response",
                        "api",
                        seen(Observation.Status.RETURNED).seen(),
                        Verdict.Status.FAILED,
                        "Your app sent no response."),
                new Row(
                        "an app's status must match",
                        "api",
                        seen(Observation.Status.RETURNED)
                                .response(404, "text/html", "nope")
                                .seen(),
                        Verdict.Status.FAILED,
                        "Expected status 200, but your app answered 404."),
                new Row(
                        "an app must send JSON",
                        "api",
                        seen(Observation.Status.RETURNED)
                                .response(200, "text/html", "<p>5</p>")
                                .seen(),
                        Verdict.Status.FAILED,
                        "Expected a JSON body, but your app sent something else. Return a dict (or use jsonify) so "
                                + "Flask sends JSON."),
                new Row(
                        "an app's JSON must match",
                        "api",
                        seen(Observation.Status.RETURNED)
                                .response(200, "application/json", "{\"sum\": 6}")
                                .seen(),
                        Verdict.Status.FAILED,
                        "The JSON your app sent is not what the exercise asks for."),
                new Row(
                        "an app's headers must match",
                        "api",
                        seen(Observation.Status.RETURNED)
                                .response(200, "text/plain", "{\"sum\": 5.0}")
                                .seen(),
                        Verdict.Status.FAILED,
                        "The Content-Type header is not as expected: the output should contain \"json\"."),
                new Row(
                        "a scenario whose every step answers as expected passes",
                        "notes",
                        seen(Observation.Status.RETURNED)
                                .response(201, "application/json", "{}")
                                .header("Location", "/notes/1")
                                .response(200, "text/html", "hi")
                                .response(400, "application/json", "{\"error\": \"bad json\"}")
                                .seen(),
                        Verdict.Status.PASSED,
                        ""),
                new Row(
                        "a scenario names the first step that fails",
                        "notes",
                        seen(Observation.Status.RETURNED)
                                .response(200, "application/json", "{}")
                                .response(200, "text/html", "hi")
                                .response(500, "text/html", "boom")
                                .seen(),
                        Verdict.Status.FAILED,
                        "Step 1, POST /notes: expected status 201, but your app answered 200."),
                new Row(
                        "a scenario step's header",
                        "notes",
                        seen(Observation.Status.RETURNED)
                                .response(201, "application/json", "{}")
                                .response(200, "text/html", "hi")
                                .response(400, "application/json", "{\"error\": \"bad json\"}")
                                .seen(),
                        Verdict.Status.FAILED,
                        "Step 1, POST /notes: the Location header is not as expected: it is missing."),
                new Row(
                        "a later step fails after earlier ones pass",
                        "notes",
                        seen(Observation.Status.RETURNED)
                                .response(201, "application/json", "{}")
                                .header("Location", "/notes/1")
                                .response(200, "text/html", "hi")
                                .response(500, "text/html", "<h1>Internal Server Error</h1>")
                                .seen(),
                        Verdict.Status.FAILED,
                        "Step 3, POST /notes: expected status 400, but your app answered 500."),
                new Row(
                        "a step without expect must still be answered",
                        "notes",
                        seen(Observation.Status.RETURNED)
                                .response(201, "application/json", "{}")
                                .header("Location", "/notes/1")
                                .seen(),
                        Verdict.Status.FAILED,
                        "Step 2, GET /login?next=/notes: your app sent no response."),
                new Row(
                        "a step cut off says how",
                        "notes",
                        seen(Observation.Status.RETURNED)
                                .response(201, "application/json", "{}")
                                .header("Location", "/notes/1")
                                .noAnswer("ConnectionRefusedError: [Errno 111] Connection refused")
                                .seen(),
                        Verdict.Status.FAILED,
                        "Step 2, GET /login?next=/notes: your app sent no response (ConnectionRefusedError: [Errno "
                                + "111] Connection refused). Did it crash while answering, or stop?"),
                new Row(
                        "escaped user input reads as text, and the page passes",
                        "notes page",
                        seen(Observation.Status.RETURNED)
                                .response(200, "text/html", PAGE)
                                .seen(),
                        Verdict.Status.PASSED,
                        ""),
                new Row(
                        "an element the page lacks",
                        "notes page",
                        seen(Observation.Status.RETURNED)
                                .response(200, "text/html", PAGE.replace("h1", "h2"))
                                .seen(),
                        Verdict.Status.FAILED,
                        "Step 1, GET /notes: the page has no element matching `h1`."),
                new Row(
                        "an element's text",
                        "notes page",
                        seen(Observation.Status.RETURNED)
                                .response(200, "text/html", PAGE.replace("<h1>Notes", "<h1>My notes"))
                                .seen(),
                        Verdict.Status.FAILED,
                        "Step 1, GET /notes: the text of `h1` is not as expected: it is different. (Text is what a "
                                + "browser shows: `&lt;` shows as <.)"),
                new Row(
                        "how many elements match",
                        "notes page",
                        seen(Observation.Status.RETURNED)
                                .response(200, "text/html", PAGE.replace("<li class=\"note\">two</li>", ""))
                                .seen(),
                        Verdict.Status.FAILED,
                        "Step 1, GET /notes: expected 2 elements matching `li.note`, but the page has 1."),
                new Row(
                        "unescaped user input is markup, not text",
                        "notes page",
                        seen(Observation.Status.RETURNED)
                                .response(200, "text/html", PAGE.replace("&lt;b&gt;hi&lt;/b&gt;", "<b>hi</b>"))
                                .seen(),
                        Verdict.Status.FAILED,
                        "Step 1, GET /notes: the elements matching `li.note` do not show the expected texts, in this "
                                + "order."),
                new Row(
                        "an attribute's value",
                        "notes page",
                        seen(Observation.Status.RETURNED)
                                .response(200, "text/html", PAGE.replace("/page/2", "/page/3"))
                                .seen(),
                        Verdict.Status.FAILED,
                        "Step 1, GET /notes: the `href` of the element matching `a#next` is not as expected: it is "
                                + "different."),
                new Row(
                        "a missing attribute",
                        "notes page",
                        seen(Observation.Status.RETURNED)
                                .response(200, "text/html", PAGE.replace(" href=\"/page/2\"", ""))
                                .seen(),
                        Verdict.Status.FAILED,
                        "Step 1, GET /notes: the element matching `a#next` has no `href` attribute."),
                new Row(
                        "a missing header",
                        "page",
                        seen(Observation.Status.RETURNED)
                                .response(200, "text/plain", "Total: 5")
                                .seen(),
                        Verdict.Status.FAILED,
                        "The X-Total header is not as expected: it is missing."),
                new Row(
                        "a response body must match",
                        "page",
                        seen(Observation.Status.RETURNED)
                                .response(200, "text/plain", "Sum: 5")
                                .header("X-Total", "5")
                                .seen(),
                        Verdict.Status.FAILED,
                        "The response body is not as expected: the output should contain \"Total\"."),
                new Row(
                        "a harness error without details",
                        "adds",
                        seen(Observation.Status.HARNESS_ERROR).seen(),
                        Verdict.Status.ERROR,
                        "sprout could not run this case: unknown error"),
                new Row(
                        "a program that finished instead of raising",
                        "raises",
                        seen(Observation.Status.RETURNED).seen(),
                        Verdict.Status.FAILED,
                        "Expected TypeError to be raised, but your code finished normally."),
                new Row(
                        "cut-short output says so",
                        "prints",
                        returned(5).stdout("6\n").truncated().seen(),
                        Verdict.Status.FAILED,
                        "What your code printed is not what the exercise asks for: the output is "
                                + "different. (The output was cut short.)"),
                new Row(
                        "a case with a stub API passes when the requests are as expected",
                        "weather",
                        returned(5)
                                .request("GET", "/weather", "city=London", "X-Api-Key", "k1", "")
                                .seen(),
                        Verdict.Status.PASSED,
                        ""),
                new Row(
                        "code that sent no request to the stub API",
                        "weather",
                        returned(5).seen(),
                        Verdict.Status.FAILED,
                        "Your code sent no request to the weather API."),
                new Row(
                        "a wrong request is reported before the wrong value it explains",
                        "weather",
                        returned(0)
                                .request("GET", "/weather", "q=London", "X-Api-Key", "k1", "")
                                .seen(),
                        Verdict.Status.FAILED,
                        "Your request to the weather API was GET /weather?q=London: expected a query parameter "
                                + "city=London, your request had ?q=London (pass parameters with `params=`, so "
                                + "they are encoded for you)."),
                new Row(
                        "a wrong request explains the exception that followed it",
                        "weather",
                        raised("HTTPError", "404 Client Error")
                                .request("GET", "/weather", "q=London", "X-Api-Key", "k1", "")
                                .seen(),
                        Verdict.Status.FAILED,
                        "Your request to the weather API was GET /weather?q=London: expected a query parameter "
                                + "city=London, your request had ?q=London (pass parameters with `params=`, so "
                                + "they are encoded for you)."),
                new Row(
                        "an exception before any request is reported as the exception",
                        "weather",
                        raised("NameError", "name 'requets' is not defined").seen(),
                        Verdict.Status.ERROR,
                        "Your code raised NameError: name 'requets' is not defined. A name is used before it is defined, or is "
                                + "misspelled."),
                new Row(
                        "a request with the wrong method",
                        "weather",
                        returned(5)
                                .request("POST", "/weather", "city=London", "X-Api-Key", "k1", "")
                                .seen(),
                        Verdict.Status.FAILED,
                        "Your request to the weather API was POST /weather?city=London: expected a GET request."),
                new Row(
                        "a request without the header every request needs",
                        "weather",
                        returned(5)
                                .request("GET", "/weather", "city=London", "Accept", "*/*", "")
                                .seen(),
                        Verdict.Status.FAILED,
                        "Your request to the weather API was GET /weather?city=London: expected the header "
                                + "X-Api-Key, your request did not send it (pass `headers=`)."),
                new Row(
                        "a request with a wrong header value says what it sent",
                        "weather",
                        returned(5)
                                .request("GET", "/weather", "city=London", "X-Api-Key", "x9", "")
                                .seen(),
                        Verdict.Status.FAILED,
                        "Your request to the weather API was GET /weather?city=London: its X-Api-Key header is not "
                                + "as expected: the output should contain \"k\" (your request sent X-Api-Key: x9)."),
                new Row(
                        "too many requests to the stub API",
                        "weather",
                        returned(5)
                                .request("GET", "/weather", "city=London", "X-Api-Key", "k1", "")
                                .request("GET", "/weather", "city=London", "X-Api-Key", "k1", "")
                                .seen(),
                        Verdict.Status.FAILED,
                        "Your code sent 2 requests to the weather API (the first: GET /weather?city=London), but "
                                + "it should send exactly one."),
                new Row(
                        "dropped requests still count",
                        "weather",
                        returned(5)
                                .request("GET", "/weather", "city=London", "X-Api-Key", "k1", "")
                                .dropped(150)
                                .seen(),
                        Verdict.Status.FAILED,
                        "Your code sent 151 requests to the weather API (the first: GET /weather?city=London), "
                                + "but it should send exactly one."),
                new Row(
                        "a request where the answer should come from a cache",
                        "cached",
                        seen(Observation.Status.NO_RESULT)
                                .exitCode(0)
                                .stdout("11.5\n")
                                .request("GET", "/weather", "city=London", "Accept", "*/*", "")
                                .seen(),
                        Verdict.Status.FAILED,
                        "Your code sent 1 request to the weather API (the first: GET /weather?city=London), but "
                                + "in this case it should send none."),
                new Row(
                        "no request matches 'some'",
                        "posts",
                        raised("ValueError", "bad")
                                .request("GET", "/notes", "", "Accept", "*/*", "")
                                .request("POST", "/notes", "", "Content-Type", "application/json", "{\"n\": 2}")
                                .seen(),
                        Verdict.Status.FAILED,
                        "None of your 2 requests to the API is the one this case expects. Your last request to "
                                + "the API was POST /notes: expected the JSON body {\"n\":1}, your request sent "
                                + "{\"n\": 2} (pass `json=`)."),
                new Row(
                        "a request that matches 'some' passes, numbers compared by value",
                        "posts",
                        raised("ValueError", "bad")
                                .request("GET", "/notes", "", "Accept", "*/*", "")
                                .request("POST", "/notes", "", "Content-Type", "application/json", "{\"n\": 1.0}")
                                .seen(),
                        Verdict.Status.PASSED,
                        ""),
                new Row(
                        "a scenario whose steps all match passes",
                        "account",
                        scenario(
                                        ok(),
                                        raisedStep("ValueError", "insufficient funds"),
                                        valueStep(100, "int"),
                                        valueStep(0, "Account"),
                                        printed("Balance: 100\n"))
                                .seen(),
                        Verdict.Status.PASSED,
                        ""),
                new Row(
                        "a scenario's type check accepts a subclass",
                        "account",
                        scenario(
                                        ok(),
                                        raisedStep("ValueError", "insufficient funds"),
                                        valueStep(100, "int"),
                                        valueStep(0, "Savings", "Account"),
                                        printed("Balance: 100\n"))
                                .seen(),
                        Verdict.Status.PASSED,
                        ""),
                new Row(
                        "a scenario step that should raise but does not names the step",
                        "account",
                        scenario(ok(), ok(), valueStep(-400, "int")).seen(),
                        Verdict.Status.FAILED,
                        "Step 2, `acc.withdraw(500)`: expected ValueError to be raised, but it ran without raising "
                                + "anything."),
                new Row(
                        "a scenario step that raises another exception",
                        "account",
                        scenario(ok(), raisedStep("KeyError", "500")).seen(),
                        Verdict.Status.FAILED,
                        "Step 2, `acc.withdraw(500)`: expected ValueError to be raised, but your code raised "
                                + "KeyError: 500."),
                new Row(
                        "a scenario step whose exception message does not match",
                        "account",
                        scenario(ok(), raisedStep("ValueError", "no")).seen(),
                        Verdict.Status.FAILED,
                        "Step 2, `acc.withdraw(500)`: your code raised ValueError as it should, but its message "
                                + "\"no\" does not match what the exercise asks for."),
                new Row(
                        "a scenario step with a wrong value says both values",
                        "account",
                        scenario(ok(), raisedStep("ValueError", "insufficient funds"), valueStep(-400, "int"))
                                .seen(),
                        Verdict.Status.FAILED,
                        "Step 3, `acc.balance`: expected 100, but it was -400 (the values differ)."),
                new Row(
                        "a scenario step that printed its value instead of returning it says so",
                        "account",
                        scenario(ok(), raisedStep("ValueError", "insufficient funds"), printed("100\n"))
                                .seen(),
                        Verdict.Status.FAILED,
                        "Step 3, `acc.balance`: expected 100, but it was None (expected an int, got a NoneType). It "
                                + "printed something instead: use `return` to give the value back, not `print`."),
                new Row(
                        "a scenario step of the wrong class",
                        "account",
                        scenario(
                                        ok(),
                                        raisedStep("ValueError", "insufficient funds"),
                                        valueStep(100, "int"),
                                        valueStep(0, "dict"))
                                .seen(),
                        Verdict.Status.FAILED,
                        "Step 4, `acc`: expected an object of the class Account (or of a class based on it), but it "
                                + "was of the class dict."),
                new Row(
                        "a multi-line scenario step that printed something else is named by its first line",
                        "account",
                        scenario(
                                        ok(),
                                        raisedStep("ValueError", "insufficient funds"),
                                        valueStep(100, "int"),
                                        valueStep(0, "Account"),
                                        printed("Balance: 0\n"))
                                .seen(),
                        Verdict.Status.FAILED,
                        "Step 5, `for line in acc.report(): …`: what your code printed is not what the exercise "
                                + "asks for: the output is different."),
                new Row(
                        "a scenario step that raises unexpectedly is an error at the learner's line",
                        "account",
                        scenario(raisedStep("TypeError", "Account() takes no arguments"))
                                .seen(),
                        Verdict.Status.ERROR,
                        "Step 1, `acc = Account(100)`: Your code raised TypeError: Account() takes no arguments "
                                + "(adder.py, line 3). The class has no `__init__` that takes them: check its "
                                + "spelling, two underscores on each side (`def __init__(self, ...):`)."),
                new Row(
                        "a scenario step with general advice keeps it",
                        "account",
                        scenario(raisedStep("KeyError", "'Ann'")).seen(),
                        Verdict.Status.ERROR,
                        "Step 1, `acc = Account(100)`: Your code raised KeyError: 'Ann' (adder.py, line 3). A "
                                + "dictionary was asked for a key it does not have: try .get()."),
                new Row(
                        "a scenario step on an object missing an attribute explains where attributes come from",
                        "account",
                        scenario(raisedStep("AttributeError", "'Account' object has no attribute 'balance'"))
                                .seen(),
                        Verdict.Status.ERROR,
                        "Step 1, `acc = Account(100)`: Your code raised AttributeError: 'Account' object has no "
                                + "attribute 'balance' (adder.py, line 3). An attribute exists once something sets "
                                + "it, usually `self.name = ...` in `__init__`. In a subclass, call "
                                + "`super().__init__(...)` so the parent sets its own."),
                new Row(
                        "a scenario step calling a method without self asks for self",
                        "account",
                        scenario(raisedStep(
                                        "TypeError", "Account.__init__() takes 1 positional argument but 2 were given"))
                                .seen(),
                        Verdict.Status.ERROR,
                        "Step 1, `acc = Account(100)`: Your code raised TypeError: Account.__init__() takes 1 "
                                + "positional argument but 2 were given (adder.py, line 3). If it is a method, check "
                                + "that its first parameter is `self`: `def deposit(self, amount):`."),
                new Row(
                        "a scenario step creating a class with an abstract method left says to define it",
                        "account",
                        scenario(raisedStep(
                                        "TypeError",
                                        "Can't instantiate abstract class Account with abstract method fee"))
                                .seen(),
                        Verdict.Status.ERROR,
                        "Step 1, `acc = Account(100)`: Your code raised TypeError: Can't instantiate abstract "
                                + "class Account with abstract method fee (adder.py, line 3). A class cannot be "
                                + "created while it has an @abstractmethod it does not define: define each one, with "
                                + "exactly the name the parent gives it."),
                new Row(
                        "a scenario step that calls exit()",
                        "account",
                        scenario(new Observation.Step(
                                        Observation.Status.EXITED,
                                        Optional.empty(),
                                        Optional.empty(),
                                        List.of(),
                                        Optional.empty(),
                                        OptionalInt.of(0),
                                        "",
                                        false))
                                .seen(),
                        Verdict.Status.ERROR,
                        "Step 1, `acc = Account(100)`: your code called exit() (or sys.exit()), which ends the whole "
                                + "program. Use `return` to give back a value, or raise an exception to report a "
                                + "problem."),
                new Row(
                        "a scenario without a report of a step could not run",
                        "account",
                        scenario(ok()).seen(),
                        Verdict.Status.ERROR,
                        "sprout could not run this case: it has no report of step 2, `acc.withdraw(500)`."),
                new Row(
                        "a scenario whose file fails to load reports the learner's exception",
                        "account",
                        raised("NameError", "name 'x' is not defined").seen(),
                        Verdict.Status.ERROR,
                        "Your code raised NameError: name 'x' is not defined. A name is used before it is defined, "
                                + "or is misspelled."),
                new Row(
                        "an app that answers as asked passes",
                        "api",
                        seen(Observation.Status.RETURNED)
                                .response(200, "application/json", "{\"sum\": 5}")
                                .seen(),
                        Verdict.Status.PASSED,
                        ""));
    }

    // ---- expect: db: (DatabaseChecker) ---------------------------------------------------------

    private static final GraderSpec DB_SPEC = SpecParser.parse(Path.of("grader.yaml"), "library", """
            version: 1
            entry: library.py
            requires: [sqlite3]
            tasks:
              - name: Saving
                cases:
                  - name: saves
                    run: {argv: [add]}
                    expect:
                      db:
                        file: library.db
                        tables: {books: [id, {name: title, type: TEXT, not_null: true}]}
                        queries:
                          - {sql: "SELECT title, year FROM books ORDER BY id", rows: [["Dune", 1965], ["Emma", 1815]], columns: [title, year]}
                          - {sql: "SELECT author FROM books", rows: [["Herbert"], ["Austen"]], ordered: false}
            """);

    private static final String ORDERED = "Checking library.db with `SELECT title, year FROM books ORDER BY id`";

    @ParameterizedTest(name = "{0}")
    @MethodSource("databaseObservations")
    void gradesWhatTheHarnessFoundInTheDatabase(Row row) {
        Case testCase = DB_SPEC.caseNamed(row.caseName()).orElseThrow();

        Verdict verdict = new CaseGrader("library", "library.py")
                .grade(new CaseContext(testCase, 1, "Saving", Limits.DEFAULTS), row.seen(), DB_SPEC.requires());

        assertThat(verdict.status()).isEqualTo(row.status());
        assertThat(verdict.message()).isEqualTo(row.message());
    }

    static Stream<Row> databaseObservations() {
        List<DatabaseSeen.Column> books = List.of(
                new DatabaseSeen.Column("id", "INTEGER", false, true),
                new DatabaseSeen.Column("title", "TEXT", true, false));
        List<List<PyValue>> both = List.of(List.of(str("Dune"), num(1965)), List.of(str("Emma"), num(1815)));
        List<List<PyValue>> authors = List.of(List.of(str("Austen")), List.of(str("Herbert")));
        return Stream.of(
                new Row(
                        "a database holding what is expected passes",
                        "saves",
                        db(books, both, authors),
                        Verdict.Status.PASSED,
                        ""),
                new Row(
                        "a database file never created says so",
                        "saves",
                        exited().database(new DatabaseSeen(false, Optional.empty(), Map.of(), List.of()))
                                .seen(),
                        Verdict.Status.FAILED,
                        "library.db was not created: your code should leave a SQLite database file named library.db "
                                + "(sqlite3.connect(\"library.db\") creates it)."),
                new Row(
                        "a file that is not a database says what sqlite said",
                        "saves",
                        exited().database(new DatabaseSeen(
                                        true, Optional.of("file is not a database"), Map.of(), List.of()))
                                .seen(),
                        Verdict.Status.FAILED,
                        "The checker could not read library.db as a SQLite database: file is not a database."),
                new Row(
                        "a missing table says how to create it",
                        "saves",
                        exited().database(new DatabaseSeen(
                                        true, Optional.empty(), Map.of("books", Optional.empty()), List.of()))
                                .seen(),
                        Verdict.Status.FAILED,
                        "The database library.db has no table books. Create it with CREATE TABLE IF NOT EXISTS books (...), "
                                + "and commit."),
                new Row(
                        "a missing column is named",
                        "saves",
                        db(List.of(books.get(1)), both, authors),
                        Verdict.Status.FAILED,
                        "The table books has no column id."),
                new Row(
                        "a column declared without NOT NULL is named",
                        "saves",
                        db(
                                List.of(books.get(0), new DatabaseSeen.Column("title", "text", false, false)),
                                both,
                                authors),
                        Verdict.Status.FAILED,
                        "The column title of the table books should be declared NOT NULL."),
                new Row(
                        "a query that fails says sqlite's message",
                        "saves",
                        exited().database(new DatabaseSeen(
                                        true,
                                        Optional.empty(),
                                        Map.of("books", Optional.of(books)),
                                        List.of(new DatabaseSeen.QueryResult(
                                                List.of(), List.of(), false, Optional.of("no such column: year")))))
                                .seen(),
                        Verdict.Status.FAILED,
                        ORDERED + " failed: no such column: year. Check your table and column names, and that your "
                                + "code commits its changes."),
                new Row(
                        "too few rows says both counts",
                        "saves",
                        db(books, both.subList(0, 1), authors),
                        Verdict.Status.FAILED,
                        ORDERED + ": expected 2 rows, your database has 1."),
                new Row(
                        "no rows at all asks about commit()",
                        "saves",
                        db(books, List.of(), authors),
                        Verdict.Status.FAILED,
                        ORDERED + ": expected 2 rows, your database has 0. Did your code commit() after inserting?"),
                new Row(
                        "the first differing row is shown",
                        "saves",
                        db(books, List.of(both.get(0), List.of(str("Emma"), str("1815"))), authors),
                        Verdict.Status.FAILED,
                        ORDERED + ": row 2 should be ('Emma', 1815), but it is ('Emma', '1815')."),
                new Row(
                        "rows in another order say to check the order",
                        "saves",
                        db(books, List.of(both.get(1), both.get(0)), authors),
                        Verdict.Status.FAILED,
                        ORDERED
                                + ": row 1 should be ('Dune', 1965), but it is ('Emma', 1815). That row is there, but in "
                                + "another place: check the order."),
                new Row(
                        "an unordered query names a missing row",
                        "saves",
                        db(books, both, List.of(List.of(str("Austen")), List.of(str("Herbert ")))),
                        Verdict.Status.FAILED,
                        "Checking library.db with `SELECT author FROM books`: the row ('Herbert',) is missing; there is "
                                + "('Herbert ',) instead."),
                new Row(
                        "other column names are shown",
                        "saves",
                        exited().database(new DatabaseSeen(
                                        true,
                                        Optional.empty(),
                                        Map.of("books", Optional.of(books)),
                                        List.of(new DatabaseSeen.QueryResult(
                                                List.of("name", "year"), both, false, Optional.empty()))))
                                .seen(),
                        Verdict.Status.FAILED,
                        ORDERED + ": expected the columns title, year, got name, year."),
                new Row(
                        "an engine that did not look into the database says to check again",
                        "saves",
                        exited().seen(),
                        Verdict.Status.FAILED,
                        "The checker could not look into library.db this time; check again."));
    }

    // ---- a scenario's expect: db:, after its steps ---------------------------------------------

    private static final GraderSpec SCENARIO_DB_SPEC = SpecParser.parse(Path.of("grader.yaml"), "library", """
            version: 1
            entry: library.py
            requires: [sqlite3]
            tasks:
              - name: Lending
                cases:
                  - name: lends
                    scenario:
                      - do: "lib = Library('library.db')"
                      - eval: "lib.lend(1)"
                        expect: {value: 1}
                    expect:
                      db:
                        file: library.db
                        queries:
                          - {sql: "SELECT title, year FROM books ORDER BY id", rows: [["Dune", 1965], ["Emma", 1815]]}
            """);

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioDatabaseObservations")
    void gradesAScenarioThenTheDatabaseItLeft(Row row) {
        Case testCase = SCENARIO_DB_SPEC.caseNamed(row.caseName()).orElseThrow();

        Verdict verdict = new CaseGrader("library", "library.py")
                .grade(
                        new CaseContext(testCase, 1, "Lending", Limits.DEFAULTS),
                        row.seen(),
                        SCENARIO_DB_SPEC.requires());

        assertThat(verdict.status()).isEqualTo(row.status());
        assertThat(verdict.message()).isEqualTo(row.message());
    }

    static Stream<Row> scenarioDatabaseObservations() {
        List<List<PyValue>> both = List.of(List.of(str("Dune"), num(1965)), List.of(str("Emma"), num(1815)));
        return Stream.of(
                new Row(
                        "a scenario whose steps match and whose database holds the rows passes",
                        "lends",
                        scenario(ok(), valueStep(1, "int"))
                                .database(booksSeen(both))
                                .seen(),
                        Verdict.Status.PASSED,
                        ""),
                new Row(
                        "a scenario whose steps match but whose database lacks rows fails on the database",
                        "lends",
                        scenario(ok(), valueStep(1, "int"))
                                .database(booksSeen(List.of()))
                                .seen(),
                        Verdict.Status.FAILED,
                        ORDERED + ": expected 2 rows, your database has 0. Did your code commit() after inserting?"),
                new Row(
                        "a scenario whose step fails is judged on that step, before the database",
                        "lends",
                        scenario(ok(), valueStep(2, "int"))
                                .database(booksSeen(List.of()))
                                .seen(),
                        Verdict.Status.FAILED,
                        "Step 2, `lib.lend(1)`: expected 1, but it was 2 (the values differ)."),
                new Row(
                        "a scenario the engine did not look into the database for says to check again",
                        "lends",
                        scenario(ok(), valueStep(1, "int")).seen(),
                        Verdict.Status.FAILED,
                        "The checker could not look into library.db this time; check again."));
    }

    private static DatabaseSeen booksSeen(List<List<PyValue>> rows) {
        return new DatabaseSeen(
                true,
                Optional.empty(),
                Map.of(),
                List.of(new DatabaseSeen.QueryResult(List.of("title", "year"), rows, false, Optional.empty())));
    }

    // ---- sql cases (DatabaseChecker.namedQuery) ------------------------------------------------

    private static final GraderSpec SQL_SPEC = sqlSpec();

    private static GraderSpec sqlSpec() {
        try {
            Path dir = Files.createTempDirectory("sprout-sql-policy");
            Files.writeString(dir.resolve("setup.sql"), "CREATE TABLE products (name TEXT, price REAL);\n");
            return SpecParser.parse(dir.resolve("grader.yaml"), "shop", """
                    version: 1
                    entry: queries.sql
                    requires: [sqlite3]
                    setup: setup.sql
                    database: shop.db
                    tasks:
                      - name: Queries
                        cases:
                          - {name: cheap, sql: {query: cheap_products}, expect: {rows: [["Pen", 1.5], ["Mug", 7.0]], columns: [name, price]}}
                          - name: discount
                            sql: {query: discount}
                            expect: {db: {file: shop.db, queries: [{sql: "SELECT price FROM products", rows: [[6.3]]}]}}
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqlObservations")
    void gradesWhatTheLearnersNamedQueryGave(Row row) {
        Case testCase = SQL_SPEC.caseNamed(row.caseName()).orElseThrow();

        Verdict verdict = new CaseGrader("shop", "queries.sql")
                .grade(new CaseContext(testCase, 1, "Queries", Limits.DEFAULTS), row.seen(), SQL_SPEC.requires());

        assertThat(verdict.status()).isEqualTo(row.status());
        assertThat(verdict.message()).isEqualTo(row.message());
    }

    static Stream<Row> sqlObservations() {
        List<List<PyValue>> right =
                List.of(List.of(str("Pen"), new PyValue.PyFloat(1.5)), List.of(str("Mug"), new PyValue.PyFloat(7.0)));
        return Stream.of(
                new Row(
                        "the right rows pass",
                        "cheap",
                        query(List.of("name", "price"), right),
                        Verdict.Status.PASSED,
                        ""),
                new Row(
                        "a missing -- name: block says how to write one",
                        "cheap",
                        named(false, List.of("cheap", "all_products"), false, false, Optional.empty()),
                        Verdict.Status.ERROR,
                        "queries.sql has no query named cheap_products. Write it under a line that names it, like "
                                + "this:\n-- name: cheap_products\nSELECT ...;\nYour file has: cheap, all_products."),
                new Row(
                        "an empty block asks for a statement",
                        "cheap",
                        named(true, List.of("cheap_products"), true, false, Optional.empty()),
                        Verdict.Status.ERROR,
                        "The query cheap_products in queries.sql is empty: write one SQL statement under "
                                + "`-- name: cheap_products`."),
                new Row(
                        "a syntax error names the query and says sqlite's message",
                        "cheap",
                        named(
                                true,
                                List.of("cheap_products"),
                                false,
                                false,
                                Optional.of("near \"FORM\": syntax error")),
                        Verdict.Status.ERROR,
                        "Your query cheap_products (queries.sql) failed: near \"FORM\": syntax error. Check the spelling "
                                + "of the SQL words and of the table and column names."),
                new Row(
                        "two statements under one name say one per name",
                        "cheap",
                        named(
                                true,
                                List.of("cheap_products"),
                                false,
                                false,
                                Optional.of("You can only execute one statement at a time.")),
                        Verdict.Status.ERROR,
                        "Your query cheap_products (queries.sql) failed: You can only execute one statement at a time. "
                                + "Write one statement under each `-- name:` line."),
                new Row(
                        "a query stopped by its time limit says so",
                        "cheap",
                        named(true, List.of("cheap_products"), false, true, Optional.empty()),
                        Verdict.Status.ERROR,
                        "Your query cheap_products was still running when its time ran out, and was stopped. A join "
                                + "without its ON condition can give millions of rows."),
                new Row(
                        "too few rows says both counts",
                        "cheap",
                        query(List.of("name", "price"), right.subList(0, 1)),
                        Verdict.Status.FAILED,
                        "Your query cheap_products: expected 2 rows, your query gave 1."),
                new Row(
                        "other column names are shown",
                        "cheap",
                        query(List.of("name", "cost"), right),
                        Verdict.Status.FAILED,
                        "Your query cheap_products: expected the columns name, price, got name, cost."),
                new Row(
                        "a modifying query is judged by the database it leaves",
                        "discount",
                        exited().status(Observation.Status.RETURNED)
                                .namedQuery(new DatabaseSeen.NamedQuery(
                                        true,
                                        List.of("discount"),
                                        false,
                                        false,
                                        new DatabaseSeen.QueryResult(List.of(), List.of(), false, Optional.empty())))
                                .database(new DatabaseSeen(
                                        true,
                                        Optional.empty(),
                                        Map.of(),
                                        List.of(new DatabaseSeen.QueryResult(
                                                List.of("price"),
                                                List.of(List.of(new PyValue.PyFloat(7.0))),
                                                false,
                                                Optional.empty()))))
                                .seen(),
                        Verdict.Status.FAILED,
                        "Checking shop.db with `SELECT price FROM products`: row 1 should be (6.3,), but it is (7.0,)."));
    }

    private static Observation query(List<String> columns, List<List<PyValue>> rows) {
        return seen(Observation.Status.RETURNED)
                .namedQuery(new DatabaseSeen.NamedQuery(
                        true,
                        List.of("cheap_products"),
                        false,
                        false,
                        new DatabaseSeen.QueryResult(columns, rows, false, Optional.empty())))
                .seen();
    }

    private static Observation named(
            boolean found, List<String> names, boolean empty, boolean timedOut, Optional<String> error) {
        return seen(Observation.Status.RETURNED)
                .namedQuery(new DatabaseSeen.NamedQuery(
                        found,
                        names,
                        empty,
                        timedOut,
                        new DatabaseSeen.QueryResult(List.of(), List.of(), false, error)))
                .seen();
    }

    private static Seen exited() {
        return seen(Observation.Status.NO_RESULT).exitCode(0);
    }

    private static Observation db(
            List<DatabaseSeen.Column> books, List<List<PyValue>> titles, List<List<PyValue>> authors) {
        return exited().database(new DatabaseSeen(
                        true,
                        Optional.empty(),
                        Map.of("books", Optional.of(books)),
                        List.of(
                                new DatabaseSeen.QueryResult(List.of("title", "year"), titles, false, Optional.empty()),
                                new DatabaseSeen.QueryResult(List.of("author"), authors, false, Optional.empty()))))
                .seen();
    }

    private static PyValue str(String text) {
        return new PyValue.PyStr(text);
    }

    private static PyValue num(int value) {
        return new PyValue.PyInt(BigInteger.valueOf(value));
    }

    private static PyValue list(Object... items) {
        List<PyValue> values = new ArrayList<>();
        for (Object item : items) {
            values.add(item instanceof PyValue v ? v : new PyValue.PyInt(BigInteger.valueOf((Integer) item)));
        }
        return new PyValue.PySequence(PyValue.SequenceKind.LIST, values);
    }

    /** [0, 1, … n-1] with {@code value} at {@code index}. */
    private static PyValue counting(int n, int index, int value) {
        Object[] items = new Object[n];
        for (int i = 0; i < n; i++) {
            items[i] = i == index ? value : i;
        }
        return list(items);
    }

    /** A tests case's run: test_1, test_2… with these outcomes; a failed one says why, at line 10 + its index. */
    private static Seen ran(String... outcomes) {
        List<TestRun.Test> tests = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            boolean failed = outcomes[i].equals("failed");
            tests.add(new TestRun.Test(
                    "test_" + (i + 1),
                    outcomes[i],
                    failed ? "assert 4 == 5" : "",
                    failed ? OptionalInt.of(10 + i) : OptionalInt.empty()));
        }
        return seen(Observation.Status.RETURNED).tests(new TestRun("pytest", tests, 0, Optional.empty()));
    }

    private static Seen seen(Observation.Status status) {
        return new Seen(status);
    }

    private static Seen returned(int value) {
        return seen(Observation.Status.RETURNED).value(new PyValue.PyInt(BigInteger.valueOf(value)));
    }

    private static Seen raised(String type, String message) {
        return seen(Observation.Status.RAISED).exception(type, message);
    }

    private static Seen scenario(Observation.Step... steps) {
        return seen(Observation.Status.RETURNED).steps(steps);
    }

    /** A step that ran and printed nothing: a {@code do} step, so no value. */
    private static Observation.Step ok() {
        return printed("");
    }

    private static Observation.Step printed(String stdout) {
        return new Observation.Step(
                Observation.Status.RETURNED,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                OptionalInt.empty(),
                stdout,
                false);
    }

    /** An {@code eval} step's int value, reported with its class's names. */
    private static Observation.Step valueStep(int value, String... mro) {
        return new Observation.Step(
                Observation.Status.RETURNED,
                Optional.of(new PyValue.PyInt(BigInteger.valueOf(value))),
                Optional.of(mro[0]),
                List.of(mro),
                Optional.empty(),
                OptionalInt.empty(),
                "",
                false);
    }

    private static Observation.Step raisedStep(String type, String message) {
        return new Observation.Step(
                Observation.Status.RAISED,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.of(new Observation.PythonError(
                        type,
                        List.of(type, "Exception"),
                        message,
                        OptionalInt.of(3),
                        Optional.of("adder.py"),
                        Optional.empty(),
                        OptionalInt.empty(),
                        "Traceback (most recent call last):\n  File \"adder.py\", line 3, in withdraw\n" + type)),
                OptionalInt.empty(),
                "",
                false);
    }

    /** An observation as the harness would report it, a field at a time. */
    static final class Seen {
        private Observation.Status status;
        private Optional<PyValue> value = Optional.empty();
        private String type;
        private String message = "";
        private OptionalInt line = OptionalInt.empty();
        private String traceback = "";
        private OptionalInt exitCode = OptionalInt.empty();
        private String stdout = "";
        private String stderr = "";
        private final Map<String, Optional<String>> files = new HashMap<>();
        private final List<Observation.HttpResponse> responses = new ArrayList<>();
        private Optional<Observation.Where> where = Optional.empty();
        private boolean truncated;
        private long elapsed = 7;
        private OptionalLong cpu = OptionalLong.empty();
        private boolean inputExhausted;
        private final List<Observation.StubRequest> stubRequests = new ArrayList<>();
        private int stubDropped;
        private Optional<DatabaseSeen> database = Optional.empty();
        private Optional<DatabaseSeen.NamedQuery> namedQuery = Optional.empty();
        private Optional<TestRun> tests = Optional.empty();
        private List<Observation.Step> steps = List.of();

        Seen(Observation.Status status) {
            this.status = status;
        }

        Seen status(Observation.Status value) {
            status = value;
            return this;
        }

        Seen steps(Observation.Step... ran) {
            steps = List.of(ran);
            return this;
        }

        Seen value(PyValue returned) {
            value = Optional.of(returned);
            return this;
        }

        Seen exception(String exceptionType, String exceptionMessage) {
            type = exceptionType;
            message = exceptionMessage;
            return this;
        }

        Seen line(int number) {
            line = OptionalInt.of(number);
            return this;
        }

        Seen traceback(String text) {
            traceback = text;
            return this;
        }

        Seen exitCode(int code) {
            exitCode = OptionalInt.of(code);
            return this;
        }

        Seen stdout(String text) {
            stdout = text;
            return this;
        }

        Seen stderr(String text) {
            stderr = text;
            return this;
        }

        /** @param content null for a file that is not there */
        Seen file(String name, String content) {
            files.put(name, Optional.ofNullable(content));
            return this;
        }

        Seen response(int code, String contentType, String body) {
            responses.add(new Observation.HttpResponse(code, List.of(Map.entry("Content-Type", contentType)), body));
            return this;
        }

        /** A request that got no answer: the harness's client saw this error. */
        Seen noAnswer(String error) {
            responses.add(new Observation.HttpResponse(0, List.of(), "", Optional.of(error)));
            return this;
        }

        Seen header(String name, String value) {
            Observation.HttpResponse last = responses.remove(responses.size() - 1);
            List<Map.Entry<String, String>> headers = new ArrayList<>(last.headers());
            headers.add(Map.entry(name, value));
            responses.add(new Observation.HttpResponse(last.status(), headers, last.body()));
            return this;
        }

        /** A request the stub API logged; {@code query} raw, decoded here as the harness does. */
        Seen request(String method, String path, String query, String header, String value, String body) {
            Map<String, List<String>> params = new java.util.LinkedHashMap<>();
            for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv.length > 1 ? kv[1] : "");
            }
            stubRequests.add(
                    new Observation.StubRequest(method, path, query, params, List.of(Map.entry(header, value)), body));
            return this;
        }

        Seen dropped(int count) {
            stubDropped = count;
            return this;
        }

        Seen elapsed(long millis) {
            elapsed = millis;
            return this;
        }

        Seen cpu(long millis) {
            cpu = OptionalLong.of(millis);
            return this;
        }

        Seen tests(TestRun run) {
            tests = Optional.of(run);
            return this;
        }

        Seen inputExhausted() {
            inputExhausted = true;
            return this;
        }

        Seen database(DatabaseSeen seen) {
            database = Optional.of(seen);
            return this;
        }

        Seen namedQuery(DatabaseSeen.NamedQuery seen) {
            namedQuery = Optional.of(seen);
            return this;
        }

        Seen truncated() {
            truncated = true;
            return this;
        }

        Seen where(int lineNumber, String stack) {
            where = Optional.of(new Observation.Where(lineNumber, stack));
            return this;
        }

        Observation seen() {
            Optional<Observation.PythonError> error = type == null
                    ? Optional.empty()
                    : Optional.of(new Observation.PythonError(
                            type,
                            List.of(type, "Exception"),
                            message,
                            line,
                            line.isPresent() ? Optional.of("adder.py") : Optional.empty(),
                            Optional.empty(),
                            OptionalInt.empty(),
                            traceback));
            return new Observation(
                    status,
                    value,
                    error,
                    exitCode,
                    stdout,
                    stderr,
                    truncated,
                    false,
                    files,
                    responses,
                    where,
                    false,
                    elapsed,
                    cpu,
                    inputExhausted,
                    new Observation.StubLog(stubRequests, stubDropped),
                    database,
                    namedQuery,
                    tests,
                    steps);
        }
    }
}
