package dev.sprout.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
