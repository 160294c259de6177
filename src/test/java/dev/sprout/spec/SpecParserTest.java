package dev.sprout.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
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
}
