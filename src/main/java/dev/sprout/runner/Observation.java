package dev.sprout.runner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import dev.sprout.value.PyValue;

/**
 * What the harness saw one case do. It carries no verdict: Java compares it with the spec.
 *
 * @param status    how the case ended (see {@link Status})
 * @param value     the returned value (call/expr that returned)
 * @param exception the exception that escaped, the load error, or the signal that killed it
 * @param where     for timeouts and CPU limits: the learner's line that was running
 * @param inputUnread for timeouts and CPU limits: the program had read none of its stdin, so
 *                  other input could not have changed what it did until then
 * @param cpuMillis for a timeout: the computing time the case used, when the harness measured it
 *                  (a busy loop uses most of its wall time, a sleeping or waiting program almost none)
 * @param inputExhausted for timeouts and CPU limits: the learner's stdin reads hit end of input
 *                  before the case ran out of time (every {@code input()} after that raised
 *                  EOFError); the CPython harness notes it, GraalPy's worker does not
 * @param stubRequests for a case with a stub API: the requests the learner's code sent it, in order
 *                  (empty when it sent none, or the case had no stub)
 * @param database  for {@code expect: db:}: what the harness found in the case's database file
 * @param namedQuery for sql cases: the learner's named query as it ran
 * @param tests     a tests case: what the learner's tests did against the module in the case folder
 * @param steps     a scenario case's steps, in order, as each ran (empty for other kinds)
 */
public record Observation(
        Status status,
        Optional<PyValue> value,
        Optional<PythonError> exception,
        OptionalInt exitCode,
        String stdout,
        String stderr,
        boolean stdoutTruncated,
        boolean stderrTruncated,
        Map<String, Optional<String>> files,
        List<HttpResponse> responses,
        Optional<Where> where,
        boolean inputUnread,
        long elapsedMillis,
        OptionalLong cpuMillis,
        boolean inputExhausted,
        StubLog stubRequests,
        Optional<DatabaseSeen> database,
        Optional<DatabaseSeen.NamedQuery> namedQuery,
        Optional<TestRun> tests,
        List<Step> steps) {

    public Observation {
        files = Map.copyOf(files);
        responses = List.copyOf(responses);
        steps = List.copyOf(steps);
    }

    public enum Status {
        RETURNED("returned"),
        RAISED("raised"),
        EXITED("exited"),
        NO_RESULT("no-result"),
        TIMEOUT("timeout"),
        CPU_LIMIT("cpu-limit"),
        MEMORY_LIMIT("memory-limit"),
        OUTPUT_LIMIT("output-limit"),
        CRASHED("crashed"),
        HARNESS_ERROR("harness-error");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Status fromWire(String text) {
            for (Status status : values()) {
                if (status.wire.equals(text)) {
                    return status;
                }
            }
            return HARNESS_ERROR;
        }
    }

    /** An exception (or a signal) as the learner would read it. */
    public record PythonError(
            String type,
            List<String> mro,
            String message,
            OptionalInt line,
            Optional<String> file,
            Optional<String> text,
            OptionalInt offset,
            String traceback) {
        public PythonError {
            mro = List.copyOf(mro);
        }

        public boolean isA(String typeName) {
            return type.equals(typeName) || mro.contains(typeName);
        }
    }

    /** @param error why no answer came (the connection failed or was cut), from the harness's client */
    public record HttpResponse(
            int status, List<Map.Entry<String, String>> headers, String body, Optional<String> error) {
        public HttpResponse {
            headers = List.copyOf(headers);
        }

        public HttpResponse(int status, List<Map.Entry<String, String>> headers, String body) {
            this(status, headers, body, Optional.empty());
        }

        public Optional<String> header(String name) {
            return headers.stream()
                    .filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst();
        }
    }

    public record Where(int line, String stack) {}

    /**
     * What the stub API received while the case ran, logged by the harness's supervising process
     * (learner code cannot reach it). Bounded: after {@code requests} come {@code dropped} more.
     */
    public record StubLog(List<StubRequest> requests, int dropped) {
        public static final StubLog NONE = new StubLog(List.of(), 0);

        public StubLog {
            requests = List.copyOf(requests);
        }

        /** Every request sent, the dropped ones included. */
        public int count() {
            return requests.size() + dropped;
        }
    }

    /**
     * One request to the stub API.
     *
     * @param query  the raw query string as sent (percent-encoded), without the '?'
     * @param params the query decoded: each name's values in order
     * @param body   the body as text (UTF-8, undecodable bytes replaced), cut at the harness's cap
     */
    public record StubRequest(
            String method,
            String path,
            String query,
            Map<String, List<String>> params,
            List<Map.Entry<String, String>> headers,
            String body) {
        public StubRequest {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
            headers = List.copyOf(headers);
        }

        public Optional<String> header(String name) {
            return headers.stream()
                    .filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst();
        }

        /** As a learner would recognise it: {@code GET /weather?city=London}. */
        public String describe() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query);
        }
    }

    /**
     * One step of a scenario case.
     *
     * @param status    {@link Status#RETURNED}, {@link Status#RAISED} or {@link Status#EXITED}
     * @param value     an {@code eval} step's value
     * @param type      the class name of that value; {@code mro} its class's names, object left out
     * @param stdout    what the step printed (also in the case's stdout)
     */
    public record Step(
            Status status,
            Optional<PyValue> value,
            Optional<String> type,
            List<String> mro,
            Optional<PythonError> exception,
            OptionalInt exitCode,
            String stdout,
            boolean stdoutTruncated) {
        public Step {
            mro = List.copyOf(mro);
        }

        /** The value's class, or one of its bases, has this name. */
        public boolean isA(String typeName) {
            return type.filter(typeName::equals).isPresent() || mro.contains(typeName);
        }
    }

    /** An observation for a case the harness could not report on (it hung, or died). */
    public static Observation failure(Status status, String type, String message, long elapsedMillis) {
        PythonError error = new PythonError(
                type,
                List.of(),
                message,
                OptionalInt.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalInt.empty(),
                "");
        return new Observation(
                status,
                Optional.empty(),
                Optional.of(error),
                OptionalInt.empty(),
                "",
                "",
                false,
                false,
                Map.of(),
                List.of(),
                Optional.empty(),
                false,
                elapsedMillis,
                OptionalLong.empty(),
                false,
                StubLog.NONE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of());
    }
}
