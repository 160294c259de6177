package dev.sprout.grading;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.sprout.runner.SourceFacts;
import dev.sprout.spec.SourceRules;

/** Checks source rules against the facts read from the learner's syntax tree. */
final class SourceRuleChecker {

    /**
     * A broken rule: what the learner sees, the line it points at (0 when none applies), and for a
     * package entry the file that line is in (else empty).
     */
    record Breach(String message, int line, String file) {
        Breach(String message, int line) {
            this(message, line, "");
        }
    }

    private SourceRuleChecker() {}

    static Optional<Breach> check(SourceRules rules, SourceFacts facts) {
        return firstPresent(
                        forbiddenCall(rules.forbidCalls(), facts.calls()),
                        requiredCall(rules.requireCalls(), facts.calls()),
                        forbidden(rules.forbidImports(), facts.imports(), Messages::forbiddenImport),
                        required(rules.requireImports(), facts.imports(), Messages::missingImport),
                        forbidden(rules.forbidConstructs(), facts.constructs(), Messages::forbiddenConstruct),
                        required(rules.requireConstructs(), facts.constructs(), Messages::missingConstruct),
                        required(rules.requireFunctions(), facts.functions(), Messages::missingFunction))
                .map(b -> new Breach(Messages.sourceRule(rules.message(), b.message()), b.line(), b.file()));
    }

    @SafeVarargs
    private static Optional<Breach> firstPresent(Optional<Breach>... checks) {
        for (Optional<Breach> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }

    /**
     * {@code .name} forbids a method of any receiver ({@code xs.sort()}); a bare {@code name}, a
     * call of the built-in or imported function of that name, never the learner's own def.
     */
    private static Optional<Breach> forbiddenCall(List<String> names, List<SourceFacts.Fact> calls) {
        for (SourceFacts.Fact call : calls) {
            if (call.method() && names.contains("." + call.name())) {
                return Optional.of(at(call, Messages.forbiddenMethodCall(call.line(), call.name())));
            }
            if (call.callsLibraryFunction() && names.contains(call.name())) {
                return Optional.of(at(call, Messages.forbiddenCall(call.line(), call.name())));
            }
        }
        return Optional.empty();
    }

    /** {@code .name}: a method call of that name; a bare {@code name}: a function call, the learner's own included. */
    private static Optional<Breach> requiredCall(List<String> names, List<SourceFacts.Fact> calls) {
        for (String name : names) {
            boolean found = name.startsWith(".")
                    ? calls.stream().anyMatch(c -> c.method() && c.name().equals(name.substring(1)))
                    : calls.stream()
                            .anyMatch(
                                    c -> (!c.method() || c.module()) && c.name().equals(name));
            if (!found) {
                return Optional.of(new Breach(Messages.missingCall(name), 0));
            }
        }
        return Optional.empty();
    }

    private static Optional<Breach> forbidden(
            List<String> names, List<SourceFacts.Fact> facts, BiFunction<Integer, String, String> message) {
        for (SourceFacts.Fact fact : facts) {
            if (names.contains(fact.name())) {
                return Optional.of(at(fact, message.apply(fact.line(), fact.name())));
            }
        }
        return Optional.empty();
    }

    /** A breach at a fact's line; in a package entry the sentence also names the file. */
    private static Breach at(SourceFacts.Fact fact, String said) {
        return fact.file().isEmpty()
                ? new Breach(said, fact.line())
                : new Breach(Messages.inFile(fact.file(), said), fact.line(), fact.file());
    }

    private static Optional<Breach> required(
            List<String> names, List<SourceFacts.Fact> facts, Function<String, String> message) {
        for (String name : names) {
            if (facts.stream().noneMatch(f -> f.name().equals(name))) {
                return Optional.of(new Breach(message.apply(name), 0));
            }
        }
        return Optional.empty();
    }
}
