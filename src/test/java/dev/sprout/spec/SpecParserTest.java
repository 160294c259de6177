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
