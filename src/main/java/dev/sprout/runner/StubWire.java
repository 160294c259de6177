package dev.sprout.runner;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.sprout.spec.Stub;

/**
 * A case's stub API on the wire (docs/harness-protocol.md, "Stub HTTP services"): its routes go
 * out (they are inputs: what the learner's code receives), the log of requests comes back.
 */
final class StubWire {

    private StubWire() {}

    static void put(ObjectNode request, Stub stub) {
        ObjectNode body = request.putObject("stub").put("env", stub.env());
        var routes = body.putArray("routes");
        for (Stub.Route route : stub.routes()) {
            ObjectNode one = routes.addObject()
                    .put("method", route.method())
                    .put("path", route.path())
                    .put("status", route.status())
                    .put("delay", route.delaySeconds());
            ObjectNode query = one.putObject("query");
            route.query().forEach(query::put);
            ObjectNode headers = one.putObject("headers");
            route.headers().forEach(headers::put);
            route.json().ifPresent(json -> one.set("json", json));
            route.text().ifPresent(text -> one.put("text", text));
        }
    }

    static Observation.StubLog log(JsonNode node) {
        if (!node.isObject()) {
            return Observation.StubLog.NONE;
        }
        List<Observation.StubRequest> requests = new ArrayList<>();
        for (JsonNode r : node.path("requests")) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            r.path("params").properties().forEach(e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asString("")));
                params.put(e.getKey(), values);
            });
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (JsonNode h : r.path("headers")) {
                headers.add(new AbstractMap.SimpleImmutableEntry<>(
                        h.path(0).asString(""), h.path(1).asString("")));
            }
            requests.add(new Observation.StubRequest(
                    r.path("method").asString(""),
                    r.path("path").asString(""),
                    r.path("query").asString(""),
                    params,
                    headers,
                    r.path("body").asString("")));
        }
        return new Observation.StubLog(
                requests, Math.max(0, node.path("dropped").asInt(0)));
    }
}
