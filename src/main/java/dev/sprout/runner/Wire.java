package dev.sprout.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Action;
import dev.sprout.spec.Case;
import dev.sprout.spec.DatabaseCheck;
import dev.sprout.value.PyValue;
import dev.sprout.value.TaggedJson;
import dev.sprout.value.Utf16;

/** Builds harness requests and reads its responses (docs/harness-protocol.md). Inputs only go in. */
final class Wire {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Wire() {}

    static ObjectNode caseRequest(String id, Case testCase, List<String> reportFiles, Limits limits) {
        ObjectNode request = NODES.objectNode().put("op", "case").put("id", id);
        Action action = testCase.action();
        if (action instanceof Action.Call call) {
            request.put("kind", "call").put("function", call.function());
            var args = request.putArray("args");
            call.args().forEach(a -> args.add(TaggedJson.encode(a)));
            ObjectNode kwargs = request.putObject("kwargs");
            call.kwargs().forEach((k, v) -> kwargs.set(k, TaggedJson.encode(v)));
            call.module().ifPresent(module -> request.put("module", module));
        } else if (action instanceof Action.Expr expr) {
            request.put("kind", "expr").put("expression", expr.expression());
            expr.module().ifPresent(module -> request.put("module", module));
        } else if (action instanceof Action.Run run) {
            request.put("kind", "run");
            var argv = request.putArray("argv");
            run.argv().forEach(argv::add);
            ObjectNode env = request.putObject("env");
            run.env().forEach(env::put);
        } else if (action instanceof Action.Http http) {
            request.put("kind", "http");
            ObjectNode body = request.putObject("http");
            http.app().ifPresent(app -> body.put("app", app));
            body.put("program", http.program());
            http.factory().ifPresent(factory -> {
                body.put("factory", factory.function());
                var args = body.putArray("factory_args");
                factory.args().forEach(args::add);
                ObjectNode kwargs = body.putObject("factory_kwargs");
                factory.kwargs().forEach(kwargs::set);
            });
            var requests = body.putArray("requests");
            for (Action.HttpRequest r : http.requests()) {
                ObjectNode one = requests.addObject().put("method", r.method()).put("path", r.path());
                ObjectNode headers = one.putObject("headers");
                r.headers().forEach(headers::put);
                r.json().ifPresent(json -> one.set("json", json));
                if (!r.form().isEmpty()) {
                    ObjectNode form = one.putObject("data");
                    r.form().forEach(form::put);
                }
                r.body().ifPresent(text -> one.put("body", text));
                if (!r.query().isEmpty()) {
                    var query = one.putArray("query");
                    r.query().forEach(q -> query.addArray().add(q.getKey()).add(q.getValue()));
                }
                one.put("follow_redirects", r.followRedirects());
            }
        } else if (action instanceof Action.Sql sql) {
            request.put("kind", "sql");
            request.putObject("sql")
                    .put("query", sql.query())
                    .put("setup", sql.setup())
                    .put("database", sql.database());
        } else if (action instanceof Action.Tests tests) {
            request.put("kind", "tests");
            request.putObject("tests").put("module", tests.module());
        } else if (action instanceof Action.Scenario scenario) {
            request.put("kind", "scenario");
            var steps = request.putArray("steps");
            // the code only: each step's expectation stays here
            scenario.steps()
                    .forEach(
                            s -> steps.addObject().put("code", s.code()).put("mode", s.expression() ? "eval" : "exec"));
        } else {
            throw new IllegalArgumentException("source cases do not run");
        }
        testCase.stub().ifPresent(stub -> StubWire.put(request, stub));
        // the setup SQL is the grader's input, like files: the expected rows never go in
        testCase.postgres().ifPresent(pg -> request.putObject("postgres").put("setup", pg.setup()));
        request.put("stdin", testCase.stdin());
        ObjectNode files = request.putObject("files");
        testCase.files().forEach(files::put);
        if (action instanceof Action.Tests tests) {
            // the module under test comes from the pack (or is a mutant of it), never from the learner's folder
            files.put(tests.module(), moduleText(tests));
        }
        var report = request.putArray("report_files");
        reportFiles.forEach(report::add);
        testCase.expect().db().ifPresent(db -> putDatabase(request, db));
        putLimits(request, limits);
        return request;
    }

    /**
     * What the harness reads from the case's database once the learner's code has finished: the
     * file, the tables to describe and the queries' text; never the rows or columns expected.
     */
    static void putDatabase(ObjectNode request, DatabaseCheck db) {
        ObjectNode node = request.putObject("db").put("file", db.file());
        var tables = node.putArray("tables");
        db.tableNames().forEach(tables::add);
        var queries = node.putArray("queries");
        db.queries().forEach(q -> queries.add(q.sql()));
    }

    static Optional<DatabaseSeen.NamedQuery> namedQuery(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        node.path("names").forEach(n -> names.add(n.asString("")));
        return Optional.of(new DatabaseSeen.NamedQuery(
                node.path("found").asBoolean(false),
                names,
                node.path("empty").asBoolean(false),
                node.path("timed_out").asBoolean(false),
                queryResult(node)));
    }

    private static DatabaseSeen.QueryResult queryResult(JsonNode q) {
        List<String> columns = new ArrayList<>();
        q.path("columns").forEach(c -> columns.add(c.asString("")));
        List<List<PyValue>> rows = new ArrayList<>();
        for (JsonNode row : q.path("rows")) {
            List<PyValue> values = new ArrayList<>();
            row.forEach(v -> values.add(TaggedJson.decode(v)));
            rows.add(values);
        }
        return new DatabaseSeen.QueryResult(
                columns,
                rows,
                q.path("truncated").asBoolean(false),
                q.hasNonNull("error") ? Optional.of(q.get("error").asString("")) : Optional.empty());
    }

    static Optional<DatabaseSeen> database(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        Map<String, Optional<List<DatabaseSeen.Column>>> tables = new LinkedHashMap<>();
        node.path("tables").properties().forEach(e -> {
            if (!e.getValue().isArray()) {
                tables.put(e.getKey(), Optional.empty());
                return;
            }
            List<DatabaseSeen.Column> columns = new ArrayList<>();
            for (JsonNode c : e.getValue()) {
                columns.add(new DatabaseSeen.Column(
                        c.path("name").asString(""),
                        c.path("type").asString(""),
                        c.path("not_null").asBoolean(false),
                        c.path("primary_key").asBoolean(false)));
            }
            tables.put(e.getKey(), Optional.of(columns));
        });
        List<DatabaseSeen.QueryResult> queries = new ArrayList<>();
        for (JsonNode q : node.path("queries")) {
            queries.add(queryResult(q));
        }
        return Optional.of(new DatabaseSeen(
                node.path("exists").asBoolean(false),
                node.hasNonNull("error") ? Optional.of(node.get("error").asString("")) : Optional.empty(),
                tables,
                queries));
    }

    private static String moduleText(Action.Tests tests) {
        try {
            return Files.readString(tests.placedFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tests.placedFile(), e);
        }
    }

    /** What a tests case's runner reported, if it reported. */
    static Optional<TestRun> tests(JsonNode result) {
        JsonNode tests = result.path("tests");
        if (!tests.isObject()) {
            return Optional.empty();
        }
        List<TestRun.Test> results = new ArrayList<>();
        for (JsonNode t : tests.path("results")) {
            results.add(new TestRun.Test(
                    t.path("name").asString(""),
                    t.path("outcome").asString("failed"),
                    t.path("message").asString(""),
                    t.hasNonNull("line") ? OptionalInt.of(t.get("line").asInt()) : OptionalInt.empty()));
        }
        return Optional.of(new TestRun(
                tests.path("runner").asString("builtin"),
                results,
                tests.path("more").asInt(0),
                tests.hasNonNull("error") ? Optional.of(tests.get("error").asString()) : Optional.empty()));
    }

    /** A case's limits as the harness reads them, in a case request and in load. */
    static void putLimits(ObjectNode request, Limits limits) {
        request.putObject("limits")
                .put("cpu_s", limits.cpu().toMillis() / 1000.0)
                .put("wall_s", limits.wall().toMillis() / 1000.0)
                .put("memory_bytes", limits.memoryBytes())
                .put("output_bytes", limits.outputBytes())
                .put("file_bytes", limits.fileBytes())
                .put("nproc", limits.processes());
    }

    static Observation observation(JsonNode reply) {
        // learner text may carry lone surrogates no report could write: made safe here, where it enters Java
        JsonNode result = Utf16.wellFormed(reply);
        Map<String, Optional<String>> files = new LinkedHashMap<>();
        result.path("files")
                .properties()
                .forEach(e -> files.put(
                        e.getKey(),
                        e.getValue().path("exists").asBoolean(false)
                                ? Optional.of(e.getValue().path("text").asString(""))
                                : Optional.empty()));
        List<Observation.HttpResponse> responses = new ArrayList<>();
        for (JsonNode r : result.path("responses")) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (JsonNode h : r.path("headers")) {
                headers.add(new AbstractMap.SimpleImmutableEntry<>(
                        h.path(0).asString(""), h.path(1).asString("")));
            }
            responses.add(new Observation.HttpResponse(
                    r.path("status").asInt(0),
                    headers,
                    r.path("body").asString(""),
                    r.hasNonNull("error") ? Optional.of(r.path("error").asString("")) : Optional.empty()));
        }
        JsonNode where = result.path("where");
        return new Observation(
                Observation.Status.fromWire(result.path("status").asString("")),
                result.has("value") && !result.get("value").isNull()
                        ? Optional.of(TaggedJson.decode(result.get("value")))
                        : Optional.empty(),
                error(result.path("exception")),
                result.hasNonNull("exit_code")
                        ? OptionalInt.of(result.get("exit_code").asInt())
                        : OptionalInt.empty(),
                result.path("stdout").asString(""),
                result.path("stderr").asString(""),
                result.path("stdout_truncated").asBoolean(false),
                result.path("stderr_truncated").asBoolean(false),
                files,
                responses,
                where.isObject() && where.hasNonNull("line")
                        ? Optional.of(new Observation.Where(
                                where.path("line").asInt(), where.path("stack").asString("")))
                        : Optional.empty(),
                result.path("input_unread").asBoolean(false),
                result.path("elapsed_ms").asLong(0),
                result.hasNonNull("cpu_ms")
                        ? OptionalLong.of(result.get("cpu_ms").asLong())
                        : OptionalLong.empty(),
                result.path("input_exhausted").asBoolean(false),
                StubWire.log(result.path("stub")),
                database(result.get("db")),
                namedQuery(result.get("query")),
                tests(result),
                steps(result.path("steps")));
    }

    private static List<Observation.Step> steps(JsonNode steps) {
        List<Observation.Step> out = new ArrayList<>();
        for (JsonNode s : steps) {
            List<String> mro = new ArrayList<>();
            s.path("mro").forEach(m -> mro.add(m.asString()));
            out.add(new Observation.Step(
                    Observation.Status.fromWire(s.path("status").asString("")),
                    s.has("value") && !s.get("value").isNull()
                            ? Optional.of(TaggedJson.decode(s.get("value")))
                            : Optional.empty(),
                    s.hasNonNull("type") ? Optional.of(s.get("type").asString()) : Optional.empty(),
                    mro,
                    error(s.path("exception")),
                    s.hasNonNull("exit_code")
                            ? OptionalInt.of(s.get("exit_code").asInt())
                            : OptionalInt.empty(),
                    s.path("stdout").asString(""),
                    s.path("stdout_truncated").asBoolean(false)));
        }
        return out;
    }

    static Optional<Observation.PythonError> error(JsonNode reply) {
        JsonNode node = Utf16.wellFormed(reply);
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        List<String> mro = new ArrayList<>();
        node.path("mro").forEach(m -> mro.add(m.asString()));
        return Optional.of(new Observation.PythonError(
                node.path("type").asString("Error"),
                mro,
                node.path("message").asString(""),
                node.hasNonNull("line") ? OptionalInt.of(node.get("line").asInt()) : OptionalInt.empty(),
                node.hasNonNull("file") ? Optional.of(node.get("file").asString()) : Optional.empty(),
                node.hasNonNull("text") ? Optional.of(node.get("text").asString()) : Optional.empty(),
                node.hasNonNull("offset") ? OptionalInt.of(node.get("offset").asInt()) : OptionalInt.empty(),
                node.path("traceback").asString("")));
    }

    static SourceFacts facts(JsonNode reply) {
        JsonNode node = Utf16.wellFormed(reply);
        return new SourceFacts(
                facts(node, "calls"),
                facts(node, "imports"),
                facts(node, "constructs"),
                facts(node, "functions"),
                facts(node, "names"));
    }

    private static List<SourceFacts.Fact> facts(JsonNode node, String key) {
        List<SourceFacts.Fact> facts = new ArrayList<>();
        node.path(key)
                .forEach(f -> facts.add(new SourceFacts.Fact(
                        f.path("name").asString(""),
                        f.path("line").asInt(0),
                        f.path("file").asString(""),
                        f.path("method").asBoolean(false),
                        f.path("module").asBoolean(false),
                        f.path("own").asBoolean(false))));
        return facts;
    }
}
