package dev.sprout.runner;

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
        } else if (action instanceof Action.Expr expr) {
            request.put("kind", "expr").put("expression", expr.expression());
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
            }
        } else {
            throw new IllegalArgumentException("source cases do not run");
        }
        request.put("stdin", testCase.stdin());
        ObjectNode files = request.putObject("files");
        testCase.files().forEach(files::put);
        var report = request.putArray("report_files");
        reportFiles.forEach(report::add);
        putLimits(request, limits);
        return request;
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
                    r.path("status").asInt(0), headers, r.path("body").asString("")));
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
                result.path("input_exhausted").asBoolean(false));
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
                        f.path("method").asBoolean(false),
                        f.path("module").asBoolean(false),
                        f.path("own").asBoolean(false))));
        return facts;
    }
}
