package dev.sprout.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code http:} cases: the step form, app factories, request options and HTML expectations. */
class HttpSpecsTest {

    private static final Path FILE = Path.of("graders/x/03-notes/grader.yaml");

    private static final String STEPS = """
            version: 1
            entry: notes.py
            tasks:
              - name: Notes
                cases:
                  - name: create then read
                    http:
                      factory: create_app
                      factory_args: ["{case_dir}/notes.db"]
                      factory_kwargs: {debug: false}
                      steps:
                        - method: post
                          path: /notes
                          json: {text: hi}
                          expect: {status: 201, headers: {Location: /notes/1}}
                        - {method: POST, path: /notes, body: "{broken", headers: {Content-Type: application/json}}
                        - path: /notes
                          query: {tag: [a, b], page: 2}
                          follow_redirects: true
                          expect:
                            html:
                              - {select: h1, text: Notes}
                              - {select: li.note, count: 1}
                              - {select: li.note, texts: [hi]}
                              - {select: "a#next", attr: {href: /page/2}}
                              - {select: form}
                  - name: the older form
                    http:
                      app: app
                      requests:
                        - {method: POST, path: /login, form: {user: ada}}
                        - {path: /}
                    expect:
                      status: 200
                      html: [{select: title, text: {contains: [Home]}}]
            """;

    @Test
    void readsStepsEachWithItsOwnExpectation() {
        GraderSpec spec = SpecParser.parse(FILE, "notes", STEPS);
        Action.Http http =
                (Action.Http) spec.caseNamed("create then read").orElseThrow().action();

        assertThat(http.stepped()).isTrue();
        assertThat(http.app()).isEmpty();
        assertThat(http.factory().orElseThrow().function()).isEqualTo("create_app");
        assertThat(http.factory().orElseThrow().args().get(0).asString()).isEqualTo("{case_dir}/notes.db");
        assertThat(http.factory().orElseThrow().kwargs()).containsKey("debug");
        assertThat(http.steps()).hasSize(3);
        Action.HttpStep first = http.steps().get(0);
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.request().method()).isEqualTo("POST");
        assertThat(first.expect().orElseThrow().status()).containsExactly(201);
        assertThat(first.expect().orElseThrow().headers()).containsKey("Location");
        Action.HttpStep second = http.steps().get(1);
        assertThat(second.expect()).isEmpty();
        assertThat(second.request().body()).hasValue("{broken");
        Action.HttpStep third = http.steps().get(2);
        assertThat(third.request().followRedirects()).isTrue();
        assertThat(third.request().query())
                .containsExactly(Map.entry("tag", "a"), Map.entry("tag", "b"), Map.entry("page", "2"));
        assertThat(third.request().describe()).isEqualTo("GET /notes?tag=a&tag=b&page=2");
        List<HttpExpect.HtmlCheck> html = third.expect().orElseThrow().html();
        assertThat(html)
                .extracting(HttpExpect.HtmlCheck::select)
                .containsExactly("h1", "li.note", "li.note", "a#next", "form");
        assertThat(html.get(1).count()).hasValue(1);
        assertThat(html.get(2).texts()).hasValue(List.of("hi"));
        assertThat(html.get(3).attr()).containsKey("href");
        assertThat(html.get(4).count()).isEmpty();
    }

    @Test
    void theOlderFormPutsTheCaseExpectationOnTheLastRequest() {
        GraderSpec spec = SpecParser.parse(FILE, "notes", STEPS);
        Action.Http http =
                (Action.Http) spec.caseNamed("the older form").orElseThrow().action();

        assertThat(http.stepped()).isFalse();
        assertThat(http.app()).hasValue("app");
        assertThat(http.steps().get(0).expect()).isEmpty();
        assertThat(http.steps().get(0).request().form()).containsEntry("user", "ada");
        assertThat(http.steps().get(1).expect().orElseThrow().status()).containsExactly(200);
        assertThat(http.steps().get(1).expect().orElseThrow().html()).hasSize(1);
        assertThat(http.requests()).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "no way to start | factory: create_app | factory: '' | 8 | must not be empty",
                "app and factory | factory: create_app | factory: create_app\\n          app: app | 8 | say how to start the app",
                "factory args without a factory | factory: create_app | program: true | 9 | are handed to the app factory",
                "a factory that is not a name | factory: create_app | factory: app.create | 8 | not a Python function name",
                "steps and requests | steps: | requests: []\\n          steps: | 8 | list the requests once",
                "expect beside steps | - name: create then read | - name: create then read\\n        expect: {status: 200} | 7 | put 'expect:' under the step",
                "two bodies | body: \"{broken\" | body: \"{broken\", json: {a: 1} | 16 | one body",
                "unknown step key | follow_redirects: true | follow: true | 19 | unknown",
                "a bad selector | select: form | select: \"li[\" | 26 | not a CSS selector",
                "a negative count | count: 1 | count: -1 | 23 | cannot be negative",
                "count 0 with text | select: h1, text: Notes | select: h1, count: 0, text: Notes | 22 | 'count: 0' means no element",
                "text and texts | texts: [hi] | texts: [hi], text: hi | 24 | choose one",
                "an html key unknown | attr: {href: /page/2} | attribute: {href: /page/2} | 25 | unknown",
                "empty expect on a step | expect: {status: 201, headers: {Location: /notes/1}} | expect: {} | 15 | say at least one thing",
                "a step with a wrong status | expect: {status: 201, headers: {Location: /notes/1}} | expect: {stat: 201} | 15 | unknown",
            })
    void reportsStepMistakesWithFileAndLine(String what, String from, String to, int line, String message) {
        assertThat(STEPS).contains(from);
        String broken = STEPS.replaceFirst(
                java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n")));

        assertThatThrownBy(() -> SpecParser.parse(FILE, "notes", broken))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(FILE.toString() + ":" + line)
                .hasMessageContaining(message);
    }

    @Test
    void aSteppedCaseNeedsAnExpectationOnSomeStep() {
        String none = """
                version: 1
                entry: notes.py
                tasks:
                  - name: Notes
                    cases:
                      - name: nothing checked
                        http: {app: app, steps: [{path: /}, {path: /notes}]}
                """;

        assertThatThrownBy(() -> SpecParser.parse(FILE, "notes", none))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(FILE + ":7")
                .hasMessageContaining("say on at least one step what its answer must show");
    }
}
