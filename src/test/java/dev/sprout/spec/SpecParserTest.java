package dev.sprout.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sprout.value.PyValue;

class SpecParserTest {

    private static final Path FILE = Path.of("graders/x/01-demo/grader.yaml");

    private static final String VALID = """
            version: 1
            title: Demo
            entry: demo.py
            place: {month: 1, week: 1, day: Monday}
            requires: [flask]
            hints: [first, second]
            tasks:
              - name: Adding
                cases:
                  - name: adds
                    call: add
                    args: [2, 3]
                    expect: {value: 5}
                  - name: pair
                    expr: "pair()"
                    expect: {value: {tuple: [1, "a"]}}
                    hidden: true
                    points: 2
              - name: Program
                cases:
                  - name: greets
                    run: {stdin: "Ada\\n", argv: [x]}
                    expect:
                      stdout: {lines_in_order: ["Hello, Ada!"]}
                  - name: no sorted
                    source: {forbid_calls: [sorted], message: "Sort it yourself."}
            """;

    @Test
    void readsEveryPartOfAValidSpec() {
        GraderSpec spec = SpecParser.parse(FILE, "demo", VALID);

        assertThat(spec.id()).isEqualTo("demo");
        assertThat(spec.place().describe()).isEqualTo("Month 1 · Week 1 · Monday");
        assertThat(spec.requires()).containsExactly("flask");
        assertThat(spec.tasks()).extracting(Task::name).containsExactly("Adding", "Program");
        assertThat(spec.maxScore()).isEqualTo(5);
        Case pair = spec.caseNamed("pair").orElseThrow();
        assertThat(pair.hidden()).isTrue();
        assertThat(pair.expect().value())
                .contains(new PyValue.PySequence(
                        PyValue.SequenceKind.TUPLE, List.of(PyValue.PyInt.of(1), new PyValue.PyStr("a"))));
        Case greets = spec.caseNamed("greets").orElseThrow();
        assertThat(greets.stdin()).isEqualTo("Ada\n");
        assertThat(greets.line()).isEqualTo(21);
        assertThat(greets.source()).startsWith("- name: greets").contains("lines_in_order");
    }

    @Test
    void readsAbsoluteToleranceBesideTheRelativeOne() {
        GraderSpec spec = SpecParser.parse(
                FILE, "demo", VALID.replace("{value: 5}", "{value: 1.4142, abs_tol: 1e-4, tolerance: 1e-6}"));
        Expectation expect = spec.caseNamed("adds").orElseThrow().expect();

        assertThat(expect.absTolerance()).isEqualTo(1e-4);
        assertThat(expect.tolerance()).isEqualTo(1e-6);
        assertThat(SpecParser.parse(FILE, "demo", VALID)
                        .caseNamed("adds")
                        .orElseThrow()
                        .expect()
                        .absTolerance())
                .isZero();
    }

    @Test
    void expandsAGeneratedCaseIntoNumberedCasesKnownAtDiscovery() {
        GraderSpec spec = SpecParser.parse(FILE, "demo", VALID.replace("""
                      - name: adds
                        call: add
                        args: [2, 3]
                        expect: {value: 5}
                """, """
                      - name: adds random numbers
                        generate: {function: pairs, count: 3, seed: 7}
                        call: add
                        hidden: true
                        points: 2
                        expect: {from_reference: true, abs_tol: 0.5}
                """));

        List<Case> adds = spec.cases().filter(c -> c.name().startsWith("adds")).toList();
        assertThat(adds)
                .extracting(Case::name)
                .containsExactly("adds random numbers #1", "adds random numbers #2", "adds random numbers #3");
        assertThat(adds).allMatch(Case::hidden).allMatch(c -> c.points() == 2);
        assertThat(adds.get(2).action()).isEqualTo(new Action.Generated("add", "pairs", 3, 7, 2));
        assertThat(adds.get(0).expect().value()).isEmpty();
        assertThat(adds.get(0).expect().absTolerance()).isEqualTo(0.5);
        assertThat(spec.maxScore()).isEqualTo(3 * 2 + 4);
    }

    @Test
    void aGeneratedCaseNeedsNoExpectButRefusesOtherExpectations() {
        String generated = VALID.replace(
                "        args: [2, 3]\n        expect: {value: 5}\n",
                "        generate: {function: pairs, count: 2, seed: 1}\n");
        assertThat(SpecParser.parse(FILE, "demo", generated).caseNamed("adds #2"))
                .isPresent();
        assertThatThrownBy(() -> SpecParser.parse(
                        FILE, "demo", generated.replace("seed: 1}\n", "seed: 1}\n        expect: {value: 5}\n")))
                .hasMessageContaining("unknown key 'value'");
        assertThatThrownBy(() -> SpecParser.parse(
                        FILE,
                        "demo",
                        generated.replace("seed: 1}\n", "seed: 1}\n        expect: {from_reference: false}\n")))
                .hasMessageContaining("come from the reference solution");
        assertThatThrownBy(() -> SpecParser.parse(FILE, "demo", generated.replace("name: pair", "name: \"adds #2\"")))
                .hasMessageContaining("already named 'adds #2'");
    }

    @Test
    void keepsIntFloatAndBoolDistinct() {
        GraderSpec spec =
                SpecParser.parse(FILE, "demo", VALID.replace("{value: 5}", "{value: [5, 5.0, true, null, \"5\"]}"));
        PyValue value = spec.caseNamed("adds").orElseThrow().expect().value().orElseThrow();

        assertThat(value.repr()).isEqualTo("[5, 5.0, True, None, '5']");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "misspelled key names the line and suggests | expect: {value: 5} | expect: {valeu: 5} | 13 | did you mean 'value'",
                "two kinds in one case | call: add | call: add\\n        expr: add(1) | 10 | runs one thing",
                "unknown output mode | expect: {value: 5} | expect: {stdout: {lines: [a]}} | 13 | unknown key 'lines'",
                "bad regex | expect: {value: 5} | expect: {raises: ValueError, message: \"(\"} | 13 | not a valid regular expression",
                "broken python literal | expect: {value: 5} | expect: {value: {py: \"(1, \"}} | 13 | not a Python literal",
                "negative points | call: add | call: add\\n        points: -1 | 12 | points cannot be negative",
                "negative abs_tol | expect: {value: 5} | expect: {value: 5.0, abs_tol: -0.1} | 13 | abs_tol cannot be negative",
                "abs_tol not a number | expect: {value: 5} | expect: {value: 5.0, abs_tol: small} | 13 | abs_tol is a number",
                "abs_tol on a program | stdout: {lines_in_order: [\"Hello, Ada!\"]} | abs_tol: 0.1 | 24 | unknown key 'abs_tol'",
                "generate without a count | call: add | call: add\\n        generate: {function: make, seed: 1} | 12 | count' is missing",
                "generate with too many cases | call: add | call: add\\n        generate: {function: make, count: 1000, seed: 1} | 12 | from 1 to 100",
                "generate with arguments too | call: add | call: add\\n        generate: {function: make, count: 3, seed: 1} | 13 | gets its arguments from the generator",
                "generate on an expression | expr: \"pair()\" | expr: \"pair()\"\\n        generate: {function: make, count: 3, seed: 1} | 16 | use 'generate' with a 'call' case",
                "a call that is not a name | forbid_calls: [sorted] | forbid_calls: [xs.sort()] | 26 | or a method's with a dot (.sort)",
            })
    void reportsBrokenSpecsWithFileLineAndField(String what, String from, String to, int line, String message) {
        String broken = VALID.replace(from, to.replace("\\n", "\n"));

        assertThatThrownBy(() -> SpecParser.parse(FILE, "demo", broken))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(FILE.toString() + ":" + line)
                .hasMessageContaining(message);
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine() {
        String broken = VALID.replace("    cases:\n      - name: adds", "    cases:\n      - name: adds\n   bad: [");

        assertThatThrownBy(() -> SpecParser.parse(FILE, "demo", broken))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith(FILE + ":")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void refusesDuplicateCaseNamesAndCommas() {
        assertThatThrownBy(() -> SpecParser.parse(FILE, "demo", VALID.replace("name: pair", "name: adds")))
                .hasMessageContaining("already named 'adds'");
        assertThatThrownBy(() -> SpecParser.parse(FILE, "demo", VALID.replace("name: pair", "name: \"a, b\"")))
                .hasMessageContaining("commas");
    }

    @Test
    void refusesSpecsOfAnotherVersion() {
        assertThatThrownBy(() -> SpecParser.parse(FILE, "demo", VALID.replace("version: 1", "version: 2")))
                .hasMessageContaining(FILE + ":1: version: this sprout reads version 1");
    }

    private static final String STUB = """
            version: 1
            entry: weather.py
            requires: [requests]
            stub:
              name: the weather API
              env: WEATHER_API_URL
              routes:
                - {path: /weather, query: {city: London}, json: {temp: 11.5}}
                - {method: post, path: /notes, status: 201, text: made, headers: {X-Id: "7"}, delay: 1.5}
            tasks:
              - name: Weather
                cases:
                  - name: london
                    call: weather
                    args: [London]
                    expect:
                      value: 11.5
                      requests:
                        count: 1
                        first: {method: GET, path: /weather, query: {city: London, key: {absent: true}}}
                        each: {headers: {X-Api-Key: {contains: [k]}}}
                  - name: own stub
                    run: {argv: [Paris]}
                    stub:
                      routes:
                        - {path: /weather, status: 500}
                    expect: {exit_code: 1, requests: {some: {json: {a: 1}, body: {contains: [a]}}}}
                  - name: looks
                    source: {require_imports: [requests]}
            """;

    @Test
    void readsStubApisAndTheRequestsExpected() {
        GraderSpec spec = SpecParser.parse(FILE, "demo", STUB);

        Stub stub = spec.caseNamed("london").orElseThrow().stub().orElseThrow();
        assertThat(stub.name()).isEqualTo("the weather API");
        assertThat(stub.env()).isEqualTo("WEATHER_API_URL");
        Stub.Route weather = stub.routes().get(0);
        assertThat(weather.method()).isEqualTo("GET");
        assertThat(weather.status()).isEqualTo(200);
        assertThat(weather.query()).containsEntry("city", "London");
        assertThat(weather.json().orElseThrow().toString()).isEqualTo("{\"temp\":11.5}");
        Stub.Route notes = stub.routes().get(1);
        assertThat(notes.method()).isEqualTo("POST");
        assertThat(notes.text()).contains("made");
        assertThat(notes.headers()).containsEntry("X-Id", "7");
        assertThat(notes.delaySeconds()).isEqualTo(1.5);
        Stub.Requests requests =
                spec.caseNamed("london").orElseThrow().expect().requests().orElseThrow();
        assertThat(requests.count()).hasValue(1);
        Stub.RequestMatcher first = requests.first().orElseThrow();
        assertThat(first.query()).containsEntry("city", Optional.of("London")).containsEntry("key", Optional.empty());
        assertThat(requests.each().orElseThrow().headers()).containsKey("X-Api-Key");

        Stub own = spec.caseNamed("own stub").orElseThrow().stub().orElseThrow();
        assertThat(own.env()).isEqualTo("SPROUT_API_URL");
        assertThat(own.name()).isEqualTo("the API");
        assertThat(own.routes()).hasSize(1);
        assertThat(spec.caseNamed("looks").orElseThrow().stub()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a route path without a slash | path: /weather, query | path: weather, query | 8 | a path starts with",
                "a query written into the path | path: /weather, query | path: /weather?city=London, query | 8 | put parameters under",
                "json and text in one route | status: 201, text: made | status: 201, text: made, json: {} | 9 | not both",
                "a delay that is too long | delay: 1.5 | delay: 600 | 9 | a delay is seconds between 0 and 60",
                "a status that is not HTTP | status: 201 | status: 2010 | 9 | between 100 and 599",
                "a misspelled route key | status: 201 | sttaus: 201 | 9 | did you mean",
                "an env name that is no variable | env: WEATHER_API_URL | env: weather-url | 6 | environment variable name",
                "a stub without routes | - {path: /weather, status: 500} | [] | 26 | needs at least one route",
                "a stub on a source case | source: {require_imports: [requests]} | source: {require_imports: [requests]}\\n        stub: {routes: [{path: /}]} | 30 | serves call, expr and run cases",
                "an unknown requests key | count: 1 | cuont: 1 | 19 | known keys: count",
                "a negative count | count: 1 | count: -1 | 19 | cannot be negative",
            })
    void reportsBrokenStubsWithTheirLine(String what, String from, String to, int line, String message) {
        String broken = STUB.replace(from, to.replace("\\n", "\n"));

        assertThatThrownBy(() -> SpecParser.parse(FILE, "demo", broken))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(FILE.toString() + ":" + line)
                .hasMessageContaining(message);
    }

    @Test
    void refusesRequestsExpectedWithoutAStub() {
        String noStub = STUB.replaceFirst("(?s)stub:\n  name.*?delay: 1.5}\n", "");

        assertThatThrownBy(() -> SpecParser.parse(FILE, "demo", noStub))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("add a 'stub:' with its routes");
    }

    private static final String TESTS = """
            version: 1
            entry: test_cart.py
            module: cart.py
            tasks:
              - name: Testing
                cases:
                  - name: real
                    tests: {}
                  - name: empty
                    tests: {mutant: mutants/empty_cart.py}
                    describe: "your tests do not check an empty cart"
            """;

    @Test
    void readsTestsCasesWithTheModuleAndEachMutant() {
        GraderSpec spec = SpecParser.parse(FILE, "demo", TESTS);

        Action.Tests real = (Action.Tests) spec.caseNamed("real").orElseThrow().action();
        Action.Tests empty =
                (Action.Tests) spec.caseNamed("empty").orElseThrow().action();
        assertThat(real.module()).isEqualTo("cart.py");
        assertThat(real.mutant()).isEmpty();
        assertThat(real.placedFile()).isEqualTo(real.moduleFile());
        assertThat(empty.mutant()).contains("mutants/empty_cart.py");
        assertThat(empty.placedFile().toString().replace('\\', '/')).endsWith("01-demo/mutants/empty_cart.py");
        assertThat(empty.missed()).contains("your tests do not check an empty cart");
        assertThat(empty.describe()).isEqualTo("your tests against a broken cart.py");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no module | module: cart.py\\n | | 7 | add 'module: cart.py' at the top",
                "module is the entry | module: cart.py | module: test_cart.py | 3 | cannot be the learner's own file",
                "module outside the folder | module: cart.py | module: ../cart.py | 3 | must be a .py file inside the exercise folder",
                "mutant without describe | \\n        describe: \"your tests do not check an empty cart\" | | 9 | needs 'describe:'",
                "describe on the real case | tests: {}\\n | tests: {}\\n        describe: oops\\n | 9 | only mutant cases take 'describe'",
                "expect on a tests case | tests: {}\\n | tests: {}\\n        expect: {value: 1}\\n | 9 | tests cases take no 'expect'",
                "unknown key in tests | tests: {mutant: mutants/empty_cart.py} | tests: {mutant: mutants/empty_cart.py, module: x.py} | 10 | unknown key 'module'",
                "mutant not a python file | mutants/empty_cart.py} | mutants/empty_cart.txt} | 10 | must be a .py file inside the grader folder",
                "mutant before the real case | tests: {}\\n | tests: {mutant: mutants/x.py}\\n        describe: x\\n | 7 | needs the real-module case",
            })
    void reportsBrokenTestsCasesWithTheirLine(String what, String from, String to, int line, String message) {
        String broken = TESTS.replace(from.replace("\\n", "\n"), to == null ? "" : to.replace("\\n", "\n"));

        assertThatThrownBy(() -> SpecParser.parse(FILE, "demo", broken))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(FILE.toString() + ":" + line)
                .hasMessageContaining(message);
    }

    @Test
    void refusesAModuleWithoutTestsCases() {
        assertThatThrownBy(() ->
                        SpecParser.parse(FILE, "demo", VALID.replace("version: 1", "version: 1\nmodule: cart.py")))
                .hasMessageContaining(FILE + ":2: module: only tests cases use 'module'");
    }

    @Test
    void refusesASecondRealModuleCase() {
        String twice = TESTS.replace("tests: {}\n", "tests: {}\n      - name: real again\n        tests: {}\n");

        assertThatThrownBy(() -> SpecParser.parse(FILE, "demo", twice))
                .hasMessageContaining("only one case runs the tests against the real module");
    }

    @Test
    void aSpecOnDiskMustNameModuleAndMutantsThatExist(@TempDir Path root) throws java.io.IOException {
        Path graderDir = Files.createDirectories(root.resolve("graders/05-month3/07-demo"));
        Path exerciseDir = Files.createDirectories(root.resolve("exercises/05-month3/07-demo"));
        Path spec = graderDir.resolve("grader.yaml");
        Files.writeString(spec, TESTS);

        assertThatThrownBy(() -> SpecParser.parse(spec, "demo"))
                .hasMessageContaining("the module cart.py is not in the exercise folder");

        Files.writeString(exerciseDir.resolve("cart.py"), "def total():\n    return 0\n");
        assertThatThrownBy(() -> SpecParser.parse(spec, "demo", TESTS))
                .hasMessageContaining(spec + ":10: ")
                .hasMessageContaining("no such file in the grader folder: mutants/empty_cart.py");

        Files.createDirectories(graderDir.resolve("mutants"));
        Files.writeString(graderDir.resolve("mutants/empty_cart.py"), "def total():\n    return 1\n");
        Action.Tests empty = (Action.Tests) SpecParser.parse(spec, "demo", TESTS)
                .caseNamed("empty")
                .orElseThrow()
                .action();
        assertThat(empty.moduleFile()).isEqualTo(exerciseDir.resolve("cart.py"));
        assertThat(empty.placedFile()).isEqualTo(graderDir.resolve("mutants/empty_cart.py"));
    }

    private static final String SCENARIO = """
            version: 1
            entry: bank.py
            tasks:
              - name: Accounts
                cases:
                  - name: refuses too much
                    scenario:
                      - do: "acc = Account('Ann', 100)"
                      - do: "acc.withdraw(500)"
                        expect: {raises: ValueError, message: "insufficient"}
                      - eval: "acc.balance"
                        expect: {value: 100}
                      - eval: "acc"
                        expect: {type: Account}
                      - do: |
                          for n in range(2):
                              acc.deposit(n)
                        expect: {stdout: {contains: ["deposited"]}}
            """;

    @Test
    void readsAScenarioStepByStep() {
        Case scenario = SpecParser.parse(FILE, "bank", SCENARIO)
                .caseNamed("refuses too much")
                .orElseThrow();

        Action.Scenario action = (Action.Scenario) scenario.action();
        assertThat(action.steps()).extracting(ScenarioStep::number).containsExactly(1, 2, 3, 4, 5);
        assertThat(action.steps())
                .extracting(ScenarioStep::expression)
                .containsExactly(false, false, true, true, false);
        assertThat(action.steps()).extracting(ScenarioStep::line).containsExactly(8, 9, 11, 13, 15);
        assertThat(action.steps().get(0).expect()).isEmpty();
        ScenarioStep.Expect refused = action.steps().get(1).expect().orElseThrow();
        assertThat(refused.raises()).contains("ValueError");
        assertThat(refused.message().orElseThrow().pattern()).isEqualTo("insufficient");
        assertThat(action.steps().get(2).expect().orElseThrow().value())
                .contains(new PyValue.PyInt(java.math.BigInteger.valueOf(100)));
        assertThat(action.steps().get(3).expect().orElseThrow().type()).contains("Account");
        assertThat(action.steps().get(4).code()).isEqualTo("for n in range(2):\n    acc.deposit(n)\n");
        assertThat(action.steps().get(4).shortCode()).isEqualTo("for n in range(2): …");
        assertThat(action.describe()).isEqualTo("for n in range(2): …");
    }

    private static final String SCENARIO_DB = """
            version: 1
            entry: library.py
            requires: [sqlite3]
            tasks:
              - name: Lending
                cases:
                  - name: lends a book
                    scenario:
                      - do: "lib = Library('books.db')"
                      - eval: "lib.lend(1, 7)"
                        expect: {value: true}
                    expect:
                      db:
                        file: books.db
                        queries:
                          - {sql: "SELECT book_id, member_id FROM loans", rows: [[1, 7]]}
            """;

    @Test
    void readsAScenarioWhoseCaseChecksTheDatabaseAfterItsSteps() {
        Case scenario = SpecParser.parse(FILE, "library", SCENARIO_DB)
                .caseNamed("lends a book")
                .orElseThrow();

        assertThat(((Action.Scenario) scenario.action()).steps()).hasSize(2);
        DatabaseCheck db = scenario.expect().db().orElseThrow();
        assertThat(db.file()).isEqualTo("books.db");
        assertThat(db.queries())
                .extracting(DatabaseCheck.Query::sql)
                .containsExactly("SELECT book_id, member_id FROM loans");
        assertThat(scenario.expect().value()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a value beside db on the case | {value: true} | 12 | only 'db:' goes on the case
            stdout on the case            | {stdout: hi} | 12 | only 'db:' goes on the case
            an empty case expect          | {}           | 12 | at least one thing
            """)
    void refusesOtherCaseLevelExpectationsOnAScenario(String what, String expect, int line, String message) {
        String steps = SCENARIO_DB.substring(0, SCENARIO_DB.indexOf("        expect:\n"));
        String text = steps + "        expect: " + expect + "\n";

        assertThatThrownBy(() -> SpecParser.parse(FILE, "library", text))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(FILE.toString() + ":" + line)
                .hasMessageContaining(message);
    }

    @Test
    void refusesADatabaseCheckOnAScenarioWithoutSqlite3() {
        assertThatThrownBy(() ->
                        SpecParser.parse(FILE, "library", SCENARIO_DB.replace("requires: [sqlite3]", "requires: []")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("need 'requires: [sqlite3]'");
    }

    /** A mistake in a scenario: the text replaced in {@link #SCENARIO}, the line and message expected. */
    record Broken(String what, String from, String to, int line, String message) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Broken> brokenScenarios() {
        return Stream.of(
                new Broken(
                        "a step with both do and eval",
                        "- eval: \"acc.balance\"",
                        "- eval: \"acc.balance\"\n            do: x",
                        11,
                        "either 'do:'"),
                new Broken(
                        "a value on a do step",
                        "- eval: \"acc.balance\"",
                        "- do: \"acc.balance\"",
                        12,
                        "write the step as 'eval:'"),
                new Broken("a type on a do step", "- eval: \"acc\"", "- do: \"acc\"", 14, "write the step as 'eval:'"),
                new Broken(
                        "a message without raises",
                        "{raises: ValueError, message: \"insufficient\"}",
                        "{message: \"insufficient\"}",
                        10,
                        "add 'raises'"),
                new Broken("a value and raises", "{value: 100}", "{value: 100, raises: KeyError}", 12, "not both"),
                new Broken(
                        "an unknown step key",
                        "- do: \"acc.withdraw(500)\"",
                        "- run: \"acc.withdraw(500)\"",
                        9,
                        "unknown key 'run'"),
                new Broken("an empty step expectation", "{type: Account}", "{}", 14, "at least one thing"),
                new Broken(
                        "an expect beside the steps",
                        "scenario:",
                        "expect: {value: 1}\n        scenario:",
                        7,
                        "go on its steps"),
                new Broken("a blank step", "- do: \"acc = Account('Ann', 100)\"", "- do: \"\"", 8, "must not be empty"),
                new Broken(
                        "a step that is only text",
                        "- do: \"acc = Account('Ann', 100)\"",
                        "- \"acc = Account('Ann', 100)\"",
                        8,
                        "expected a map"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenScenarios")
    void reportsBrokenScenarios(Broken broken) {
        String text = SCENARIO.replace(broken.from(), broken.to());
        assertThat(text).isNotEqualTo(SCENARIO);

        assertThatThrownBy(() -> SpecParser.parse(FILE, "bank", text))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(FILE.toString() + ":" + broken.line())
                .hasMessageContaining(broken.message());
    }

    private static final String PACKAGE = """
            version: 1
            entry: inventory/
            tasks:
              - name: Report
                cases:
                  - name: sums
                    import: inventory.report
                    call: summary
                    args: []
                    expect: {value: 0}
                  - name: exports
                    expr: "sorted(__all__)"
                    expect: {value: [summary]}
                  - name: runs
                    run: {argv: [report]}
            """;

    @Test
    void readsAPackageEntryAndTheModuleACaseImports() {
        GraderSpec spec = SpecParser.parse(FILE, "demo", PACKAGE);

        assertThat(spec.isPackage()).isTrue();
        assertThat(spec.entry()).isEqualTo("inventory/");
        assertThat(spec.entryPath()).isEqualTo("inventory");
        assertThat(spec.caseNamed("sums").orElseThrow().action())
                .isEqualTo(new Action.Call(
                        "summary", List.of(), java.util.Map.of(), java.util.Optional.of("inventory.report")));
        assertThat(((Action.Expr) spec.caseNamed("exports").orElseThrow().action()).module())
                .isEmpty();
        assertThat(SpecParser.parse(FILE, "demo", VALID).isPackage()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a package entry named unlike a module | entry: inventory/ | entry: my-shop/ | 2 | named like a Python module",
                "import outside the package | import: inventory.report | import: os.path | 7 | not part of the package inventory/",
                "import that is not a module name | import: inventory.report | import: inventory/report.py | 7 | not a module name",
                "import on a run case | run: {argv: [report]} | run: {argv: [report]}\\n        import: inventory | 16 | only 'call' and 'expr' cases take 'import'",
                "http in a package exercise | run: {argv: [report]} | http: {app: app, requests: [{path: /}]}\\n        expect: {status: 200} | 15 | cannot have http cases",
            })
    void reportsPackageMistakesWithFileAndLine(String what, String from, String to, int line, String message) {
        String broken = PACKAGE.replace(from, to.replace("\\n", "\n"));

        assertThatThrownBy(() -> SpecParser.parse(FILE, "demo", broken))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(FILE.toString() + ":" + line)
                .hasMessageContaining(message);
    }

    @Test
    void refusesImportInASingleFileExercise() {
        String broken = VALID.replace("call: add\n", "call: add\n        import: demo\n");

        assertThatThrownBy(() -> SpecParser.parse(FILE, "demo", broken))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("'import' is for a package exercise");
    }
}
