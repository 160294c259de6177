package dev.sprout.spec;

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

    record Call(String function, List<PyValue> args, Map<String, PyValue> kwargs) implements Action {
        public Call {
            args = List.copyOf(args);
            kwargs = Map.copyOf(kwargs);
        }

        public String describe() {
            List<String> parts = new ArrayList<>();
            args.forEach(a -> parts.add(a.repr()));
            kwargs.forEach((k, v) -> parts.add(k + "=" + v.repr()));
            return function + "(" + String.join(", ", parts) + ")";
        }
    }

    record Expr(String expression) implements Action {
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

    record Http(Optional<String> app, boolean program, List<HttpRequest> requests) implements Action {
        public Http {
            requests = List.copyOf(requests);
        }

        public String describe() {
            HttpRequest last = requests.get(requests.size() - 1);
            return last.method() + " " + last.path();
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

    record HttpRequest(
            String method,
            String path,
            Map<String, String> headers,
            Optional<JsonNode> json,
            Map<String, String> form) {
        public HttpRequest {
            headers = Map.copyOf(headers);
            form = Map.copyOf(form);
        }
    }
}
