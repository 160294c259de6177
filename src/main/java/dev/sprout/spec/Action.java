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
