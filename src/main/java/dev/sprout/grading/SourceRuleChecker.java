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
                        forbidden(rules.forbidCalls(), facts.calls(), Messages::forbiddenCall),
                        required(rules.requireCalls(), facts.calls(), Messages::missingCall),
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

    private static Optional<Breach> forbidden(
            List<String> names, List<SourceFacts.Fact> facts, BiFunction<Integer, String, String> message) {
        for (SourceFacts.Fact fact : facts) {
            if (names.contains(fact.name())) {
                String said = message.apply(fact.line(), fact.name());
                return Optional.of(
                        fact.file().isEmpty()
                                ? new Breach(said, fact.line())
                                : new Breach(Messages.inFile(fact.file(), said), fact.line(), fact.file()));
            }
        }
        return Optional.empty();
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
