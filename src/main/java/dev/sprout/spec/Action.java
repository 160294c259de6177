package dev.sprout.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import dev.sprout.value.PyValue;

/** What a case runs; one kind per case. */
public sealed interface Action {

    /** A short description for reports, e.g. {@code calculate(2, '+', 3)}. */
    String describe();

    /** @param module for a package entry, the module whose namespace the call runs in (spec's {@code import:}) */
    record Call(String function, List<PyValue> args, Map<String, PyValue> kwargs, Optional<String> module)
            implements Action {
        public Call {
            args = List.copyOf(args);
            kwargs = Map.copyOf(kwargs);
        }

        public Call(String function, List<PyValue> args, Map<String, PyValue> kwargs) {
            this(function, args, kwargs, Optional.empty());
        }

        public String describe() {
            List<String> parts = new ArrayList<>();
            args.forEach(a -> parts.add(a.repr()));
            kwargs.forEach((k, v) -> parts.add(k + "=" + v.repr()));
            return function + "(" + String.join(", ", parts) + ")";
        }
    }

    /** @param module for a package entry, the module the expression is evaluated in (spec's {@code import:}) */
    record Expr(String expression, Optional<String> module) implements Action {
        public Expr(String expression) {
            this(expression, Optional.empty());
        }

        public String describe() {
            return expression;
        }
    }

    record Run(List<String> argv, Map<String, String> env) implements Action {
        public Run {
            argv = List.copyOf(argv);
            env = Map.copyOf(env);
        }

        public String describe() {
            return "python " + String.join(" ", argv);
        }
    }

    /** Checked on the syntax tree; nothing runs. */
    record Source(SourceRules rules) implements Action {
        public String describe() {
            return "a look at your code";
        }
    }

    /**
     * Starts the learner's app (a WSGI object {@code app}, one made by {@code factory}, or the file
     * as a {@code program} on $PORT) and sends the steps' requests in order, sharing a cookie jar.
     *
     * @param stepped written as {@code steps:} (messages name the step), not the older {@code requests:}
     */
    record Http(
            Optional<String> app, boolean program, Optional<HttpFactory> factory, List<HttpStep> steps, boolean stepped)
            implements Action {
        public Http {
            steps = List.copyOf(steps);
        }

        /** The older form: the last request carries the case's expectation. */
        public Http(Optional<String> app, boolean program, List<HttpRequest> requests) {
            this(app, program, Optional.empty(), numbered(requests), false);
        }

        private static List<HttpStep> numbered(List<HttpRequest> requests) {
            List<HttpStep> steps = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                steps.add(new HttpStep(i + 1, requests.get(i), 0, Optional.empty()));
            }
            return steps;
        }

        public List<HttpRequest> requests() {
            return steps.stream().map(HttpStep::request).toList();
        }

        public String describe() {
            return steps.get(steps.size() - 1).request().describe();
        }
    }

    /**
     * An app made by calling a function of the learner's module ({@code create_app}) with these
     * arguments; {@code {case_dir}} in a string is replaced, in the sandbox, by the case's folder.
     */
    record HttpFactory(String function, List<JsonNode> args, Map<String, JsonNode> kwargs) {
        public HttpFactory {
            args = List.copyOf(args);
            kwargs = Map.copyOf(kwargs);
        }
    }

    /**
     * One request of an http case and what its response must show; only the request goes to the
     * harness.
     *
     * @param number 1-based, as messages name it
     * @param line   the step's line in grader.yaml (0 for the older {@code requests:} form)
     * @param expect empty: the step only sets state (any answer will do)
     */
    record HttpStep(int number, HttpRequest request, int line, Optional<HttpExpect> expect) {}

    /**
     * Runs one named query of the learner's {@code .sql} entry file ({@code -- name: NAME} above
     * it) against a fresh database built by the exercise's {@code setup:} script.
     *
     * @param setup    the setup script's text (the grader's own, trusted SQL)
     * @param database the database file's name in the case's folder (for {@code db:} checks)
     */
    record Sql(String query, String setup, String database) implements Action {
        public String describe() {
            return "the query " + query;
        }
    }

    /**
     * The learner's file is a test file: run its tests against {@code module} (the exercise's own
     * file, or a grader's mutant of it written in its place). See docs/grader-spec.md, "Tests cases".
     *
     * @param module     the module's file name in the case folder, e.g. {@code cart.py}
     * @param moduleFile the exercise's real module on disk (from the pack, never the learner's copy)
     * @param mutant     the mutant as written in the spec, e.g. {@code mutants/empty_cart.py}; empty for the real module
     * @param mutantFile the mutant on disk
     * @param missed     what tests that miss this mutant do not check, in words (mutant cases only)
     */
    record Tests(
            String module, Path moduleFile, Optional<String> mutant, Optional<Path> mutantFile, Optional<String> missed)
            implements Action {
        public String describe() {
            return mutant.isPresent() ? "your tests against a broken " + module : "your tests against " + module;
        }

        /** The file written as the module in the case folder: the mutant's, or the real one. */
        public Path placedFile() {
            return mutantFile.orElse(moduleFile);
        }
    }

    /** Steps run one after another in the learner's module; each step carries its own expectation. */
    record Scenario(List<ScenarioStep> steps) implements Action {
        public Scenario {
            steps = List.copyOf(steps);
        }

        public String describe() {
            return steps.get(steps.size() - 1).shortCode();
        }
    }

    /**
     * A call whose arguments a seeded generator makes at grading time: case {@code index} (from 0)
     * of {@code count} made by {@code generator} in the grader folder's generators.py. The reference
     * solution's answer for the same arguments is the expected value (see {@code GeneratedSpecs}).
     */
    record Generated(String function, String generator, int count, long seed, int index) implements Action {
        public String describe() {
            return function + "(generated input #" + (index + 1) + ")";
        }
    }

    /**
     * @param body            raw text sent as the body (e.g. broken JSON), beside {@code json} and {@code form}
     * @param query           added to the path as {@code ?a=1&b=2}; a name may repeat
     * @param followRedirects follow 301/302/303/307/308 answers on the same server and report the last one
     */
    record HttpRequest(
            String method,
            String path,
            Map<String, String> headers,
            Optional<JsonNode> json,
            Map<String, String> form,
            Optional<String> body,
            List<Map.Entry<String, String>> query,
            boolean followRedirects) {
        public HttpRequest {
            headers = Map.copyOf(headers);
            form = Map.copyOf(form);
            query = List.copyOf(query);
        }

        public HttpRequest(
                String method,
                String path,
                Map<String, String> headers,
                Optional<JsonNode> json,
                Map<String, String> form) {
            this(method, path, headers, json, form, Optional.empty(), List.of(), false);
        }

        /** {@code POST /notes}, the query included, for messages. */
        public String describe() {
            if (query.isEmpty()) {
                return method + " " + path;
            }
            StringBuilder q = new StringBuilder();
            for (Map.Entry<String, String> e : query) {
                q.append(q.length() == 0 ? (path.contains("?") ? "&" : "?") : "&")
                        .append(e.getKey())
                        .append('=')
                        .append(e.getValue());
            }
            return method + " " + path + q;
        }
    }
}
