package dev.sprout.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sprout.result.GradeResult;
import dev.sprout.result.Verdict;
import dev.sprout.runner.CPythonEngine;
import dev.sprout.runner.InterpreterFinder;
import dev.sprout.sandbox.Sandboxes;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecParser;

/**
 * http cases against real servers on loopback inside the sandbox: steps sharing a cookie jar,
 * redirects followed or not, form and raw bodies, query strings, an app factory handed the case's
 * folder, HTML checked by selector, a fresh app per case, and a program on $PORT. The apps are
 * plain WSGI and http.server, so any python3 runs them.
 */
class HttpScenarioTest {

    private static final String APP = """
            import html
            import json
            import os
            from urllib.parse import parse_qs


            def create_app(store, title="Notes"):
                notes = []

                def app(environ, start_response):
                    method = environ["REQUEST_METHOD"]
                    path = environ["PATH_INFO"]
                    query = parse_qs(environ.get("QUERY_STRING", ""))
                    cookies = dict(c.strip().split("=", 1) for c in environ.get("HTTP_COOKIE", "").split(";") if "=" in c)
                    size = int(environ.get("CONTENT_LENGTH") or 0)
                    raw = environ["wsgi.input"].read(size) if size else b""

                    def send(status, body, kind="application/json", extra=()):
                        start_response(status, [("Content-Type", kind)] + list(extra))
                        return [body.encode()]

                    if path == "/login" and method == "POST":
                        user = parse_qs(raw.decode())["user"][0]
                        return send("303 See Other", "", "text/plain", [("Location", "/me"), ("Set-Cookie", "user=%s; Path=/" % user)])
                    if path == "/logout":
                        return send("302 Found", "", "text/plain",
                                    [("Location", "/me"), ("Set-Cookie", "user=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/")])
                    if path == "/me":
                        return send("200 OK", json.dumps({"user": cookies.get("user")}))
                    if path == "/search":
                        return send("200 OK", json.dumps({"q": query.get("q", [])}))
                    if path == "/notes" and method == "POST":
                        try:
                            text = json.loads(raw)["text"]
                        except (ValueError, KeyError):
                            return send("400 Bad Request", json.dumps({"error": "bad json"}))
                        notes.append(text)
                        with open(store, "a") as f:
                            f.write(text + "\\n")
                        return send("201 Created", json.dumps({"id": len(notes)}), extra=[("Location", "/notes/%d" % len(notes))])
                    if path == "/notes":
                        items = "".join('<li class="note">%s</li>' % html.escape(n) for n in notes)
                        page = "<title>%s</title><h1>%s</h1><ul>%s</ul><a id=next href=/page/2>next</a>" % (title, title, items)
                        return send("200 OK", page, "text/html")
                    if path == "/store":
                        return send("200 OK", open(store).read() if os.path.exists(store) else "", "text/plain")
                    return send("404 Not Found", json.dumps({"error": "not found"}))

                return app


            app = create_app("store.txt")
            """;

    private static final String SPEC = """
            version: 1
            entry: notes.py
            limits: {wall: 10}
            tasks:
              - name: Notes
                cases:
                  - name: a session cookie goes from step to step
                    http:
                      app: app
                      steps:
                        - {method: POST, path: /login, form: {user: ada}, expect: {status: 303, headers: {Location: /me}}}
                        - {path: /me, expect: {json: {user: ada}}}
                        - {path: /logout, follow_redirects: true, expect: {status: 200, json: {user: null}}}
                  - name: a redirect is followed only when asked
                    http:
                      app: app
                      steps:
                        - {method: POST, path: /login, form: {user: bo}, follow_redirects: true, expect: {status: 200, json: {user: bo}}}
                  - name: a query string
                    http:
                      app: app
                      steps:
                        - {path: /search, query: {q: [a b, c]}, expect: {json: {q: [a b, c]}}}
                  - name: a factory with the case folder
                    http:
                      factory: create_app
                      factory_args: ["{case_dir}/kept.txt"]
                      factory_kwargs: {title: My notes}
                      steps:
                        - {method: POST, path: /notes, json: {text: "<script>x</script>"}, expect: {status: 201, headers: {Location: /notes/1}}}
                        - {method: POST, path: /notes, body: "{broken", headers: {Content-Type: application/json}, expect: {status: 400}}
                        - path: /notes
                          expect:
                            html:
                              - {select: h1, text: My notes}
                              - {select: li.note, count: 1}
                              - {select: li.note, text: {contains: ["<script>"]}}
                              - {select: "a#next", attr: {href: /page/2}}
                        - {path: /store, expect: {body: "<script>x</script>"}}
                  - name: every case starts a fresh app
                    http:
                      factory: create_app
                      factory_args: ["{case_dir}/kept.txt"]
                      steps:
                        - {path: /notes, expect: {html: [{select: li.note, count: 0}]}}
                        - {path: /store, expect: {body: ""}}
                  - name: a wrong expectation names its step
                    http:
                      app: app
                      steps:
                        - {method: POST, path: /notes, json: {text: hi}, expect: {status: 201}}
                        - {method: POST, path: /notes, body: "{", expect: {status: 201}}
                  - name: a wrong count names its step
                    http:
                      app: app
                      steps:
                        - {method: POST, path: /notes, json: {text: hi}}
                        - {path: /notes, expect: {html: [{select: li.note, count: 3}]}}
                  - name: either redirect status will do
                    http:
                      app: app
                      steps:
                        - {method: POST, path: /login, form: {user: di}, expect: {status: [302, 303]}}
                  - name: a status outside the list names them all
                    http:
                      app: app
                      steps:
                        - {method: POST, path: /login, form: {user: di}, expect: {status: [200, 201, 302]}}
                  - name: the older form still checks the last answer
                    http:
                      app: app
                      requests:
                        - {method: POST, path: /login, form: {user: cy}}
                        - {path: /me}
                    expect: {json: {user: cy}}
            """;

    private static final String SERVER = """
            import json
            import os
            from http.server import BaseHTTPRequestHandler, HTTPServer


            class Handler(BaseHTTPRequestHandler):
                def log_message(self, *args):
                    pass

                def do_GET(self):
                    if self.path == "/":
                        body = b"<!doctype html><title>Home</title><h1>Hello &amp; welcome</h1>"
                        kind = "text/html; charset=utf-8"
                        code = 200
                    else:
                        body = json.dumps({"error": "not found"}).encode()
                        kind = "application/json"
                        code = 404
                    self.send_response(code)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)


            if __name__ == "__main__":
                HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
            """;

    private static final String SERVER_SPEC = """
            version: 1
            entry: server.py
            limits: {wall: 10}
            tasks:
              - name: Serving
                cases:
                  - name: a page and a 404
                    http:
                      program: true
                      steps:
                        - {path: /, expect: {status: 200, html: [{select: h1, text: "Hello & welcome"}]}}
                        - {path: /nope, expect: {status: 404, json: {error: not found}}}
            """;

    /** A server that stores what it is sent in SQLite: what it stored is checked after the steps. */
    private static final String STORE = """
            import json
            import sqlite3


            def create_app(database, plain=False, fixed=False):
                if fixed:
                    database = "mine.db"

                def app(environ, start_response):
                    size = int(environ.get("CONTENT_LENGTH") or 0)
                    user = json.loads(environ["wsgi.input"].read(size))
                    with sqlite3.connect(database) as db:
                        db.execute("CREATE TABLE IF NOT EXISTS users (name TEXT, password TEXT)")
                        secret = user["password"] if plain else "hashed:" + user["password"][::-1]
                        db.execute("INSERT INTO users VALUES (?, ?)", (user["name"], secret))
                    start_response("201 Created", [("Content-Type", "application/json")])
                    return [b"{}"]

                return app
            """;

    private static final String STORE_SPEC = """
            version: 1
            entry: store.py
            requires: [sqlite3]
            limits: {wall: 10}
            tasks:
              - name: Storing
                cases:
                  - name: what the server stored is checked after the steps
                    http:
                      factory: create_app
                      factory_args: ["{case_dir}/users.db"]
                      steps:
                        - {method: POST, path: /users, json: {name: ada, password: hunter22}, expect: {status: 201}}
                    expect:
                      db:
                        file: users.db
                        queries:
                          - {sql: "SELECT name, password = 'hunter22' FROM users", rows: [[ada, 0]]}
                  - name: a plain password is caught
                    http:
                      factory: create_app
                      factory_args: ["{case_dir}/users.db"]
                      factory_kwargs: {plain: true}
                      steps:
                        - {method: POST, path: /users, json: {name: ada, password: hunter22}, expect: {status: 201}}
                    expect:
                      db:
                        file: users.db
                        queries:
                          - {sql: "SELECT name, password = 'hunter22' FROM users", rows: [[ada, 0]]}
                  - name: a database kept somewhere else is not found
                    http:
                      factory: create_app
                      factory_args: ["{case_dir}/users.db"]
                      factory_kwargs: {fixed: true}
                      steps:
                        - {method: POST, path: /users, json: {name: ada, password: x}, expect: {status: 201}}
                    expect:
                      db: {file: users.db, queries: [{sql: "SELECT count(*) FROM users", rows: [[1]]}]}
                  - name: a failing step is reported before the database
                    http:
                      factory: create_app
                      factory_args: ["{case_dir}/users.db"]
                      steps:
                        - {method: POST, path: /users, json: {name: ada, password: x}, expect: {status: 200}}
                    expect:
                      db: {file: users.db, queries: [{sql: "SELECT count(*) FROM users", rows: [[5]]}]}
            """;

    @TempDir
    static Path pack;

    private static Map<String, Verdict> verdicts;

    @BeforeAll
    static void grade() throws IOException {
        verdicts = grade("notes", "notes.py", SPEC, APP);
    }

    private static Map<String, Verdict> grade(String id, String entry, String spec, String code) throws IOException {
        Path graders = Files.createDirectories(pack.resolve("graders/01-stage/01-" + id));
        Files.writeString(graders.resolve("grader.yaml"), spec);
        Path learner = Files.createDirectories(pack.resolve("exercises/01-stage/01-" + id));
        Files.writeString(learner.resolve(entry), code);
        GraderSpec parsed = SpecParser.parse(graders.resolve("grader.yaml"), id);
        Grader grader = new Grader(
                new CPythonEngine(new InterpreterFinder(Optional.empty(), System.getenv()), Sandboxes.choose("auto")));
        GradeResult result = grader.grade(parsed, pack.resolve("graders"), learner);
        return result.verdicts().stream().collect(Collectors.toMap(Verdict::name, v -> v));
    }

    private static void passes(String name) {
        Verdict v = verdicts.get(name);
        assertThat(v.status()).as(name + ": " + v.message()).isEqualTo(Verdict.Status.PASSED);
    }

    @Test
    void aCookieSetByOneStepIsSentByTheNextAndAnExpiredOneIsDropped() {
        passes("a session cookie goes from step to step");
    }

    @Test
    void followsARedirectWhenTheStepAsks() {
        passes("a redirect is followed only when asked");
    }

    @Test
    void sendsTheQueryString() {
        passes("a query string");
    }

    @Test
    void anAppFactoryGetsTheCaseFolderAndHtmlIsCheckedBySelector() {
        passes("a factory with the case folder");
    }

    @Test
    void nothingOneCaseStoredIsSeenByTheNext() {
        passes("every case starts a fresh app");
    }

    @Test
    void theFirstFailingStepIsNamed() {
        Verdict v = verdicts.get("a wrong expectation names its step");
        assertThat(v.status()).isEqualTo(Verdict.Status.FAILED);
        assertThat(v.message()).startsWith("Step 2, POST /notes: expected status 201, but your app answered 400.");
        Verdict count = verdicts.get("a wrong count names its step");
        assertThat(count.message())
                .startsWith("Step 2, GET /notes: expected 3 elements matching `li.note`, but the page has 1.");
    }

    @Test
    void aStatusMayBeOneOfSeveral() {
        passes("either redirect status will do");
        Verdict v = verdicts.get("a status outside the list names them all");
        assertThat(v.message())
                .startsWith("Step 1, POST /login: expected status 200, 201 or 302, but your app answered 303.");
    }

    @Test
    void theOlderRequestsFormKeepsWorking() {
        passes("the older form still checks the last answer");
    }

    @Test
    void whatTheServerStoredIsCheckedAfterTheLastStep() throws IOException {
        Map<String, Verdict> stored = grade("store", "store.py", STORE_SPEC, STORE);
        Verdict kept = stored.get("what the server stored is checked after the steps");
        assertThat(kept.status()).as(kept.message()).isEqualTo(Verdict.Status.PASSED);
        Verdict plain = stored.get("a plain password is caught");
        assertThat(plain.status()).isEqualTo(Verdict.Status.FAILED);
        assertThat(plain.expected()).hasValueSatisfying(e -> assertThat(e).contains("0"));
        assertThat(plain.actual()).hasValueSatisfying(a -> assertThat(a).contains("1"));
        assertThat(stored.get("a database kept somewhere else is not found").message())
                .startsWith("users.db was not created where your app was told to keep its database");
        Verdict step = stored.get("a failing step is reported before the database");
        assertThat(step.message()).startsWith("Step 1, POST /users: expected status 200, but your app answered 201.");
    }

    @Test
    void dbGoesOnTheCaseOnlyWithSteps() throws IOException {
        Path spec = pack.resolve("older-db.yaml");
        Files.writeString(spec, """
                version: 1
                entry: store.py
                requires: [sqlite3]
                tasks:
                  - name: Storing
                    cases:
                      - name: older form
                        http:
                          app: app
                          requests: [{method: POST, path: /users}]
                        expect: {status: 201, db: {file: users.db, tables: [users]}}
                """);
        assertThatThrownBy(() -> SpecParser.parse(spec, "older-db"))
                .hasMessageContaining("write the requests as 'steps:'");
        Files.writeString(spec, """
                version: 1
                entry: store.py
                requires: [sqlite3]
                tasks:
                  - name: Storing
                    cases:
                      - name: stepped form
                        http:
                          app: app
                          steps: [{method: POST, path: /users, expect: {status: 201}}]
                        expect: {status: 201, db: {file: users.db, tables: [users]}}
                """);
        assertThatThrownBy(() -> SpecParser.parse(spec, "stepped-db"))
                .hasMessageContaining("only 'db:' goes on the case");
    }

    @Test
    void aProgramOnPortIsDrivenStepByStep() throws IOException {
        Map<String, Verdict> server = grade("server", "server.py", SERVER_SPEC, SERVER);
        Verdict v = server.get("a page and a 404");
        assertThat(v.status()).as(v.message()).isEqualTo(Verdict.Status.PASSED);
    }
}
