package dev.sprout.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
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
}
