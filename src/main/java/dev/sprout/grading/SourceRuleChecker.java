package dev.sprout.grading;

import java.util.List;
import java.util.Optional;

import dev.sprout.runner.SourceFacts;
import dev.sprout.spec.SourceRules;

/** Checks source rules against the facts read from the learner's syntax tree. */
final class SourceRuleChecker {

    /** A broken rule: what the learner sees, and the line it points at (0 when none applies). */
    record Breach(String message, int line) {
    }

    private SourceRuleChecker() {
    }

    static Optional<Breach> check(SourceRules rules, SourceFacts facts) {
        return firstPresent(
                forbidden(rules.forbidCalls(), facts.calls(), "calls ", "()"),
                required(rules.requireCalls(), facts.calls(), "should call ", "()"),
                forbidden(rules.forbidImports(), facts.imports(), "imports ", ""),
                required(rules.requireImports(), facts.imports(), "should import ", ""),
                forbidden(rules.forbidConstructs(), facts.constructs(), "uses ", ""),
                required(rules.requireConstructs(), facts.constructs(), "should use ", ""),
                required(rules.requireFunctions(), facts.functions(), "should define a function ", "()"))
                .map(b -> new Breach(rules.message().isBlank() ? b.message() : rules.message() + " (" + b.message() + ")",
                        b.line()));
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

    private static Optional<Breach> forbidden(List<String> names, List<SourceFacts.Fact> facts, String verb, String suffix) {
        for (SourceFacts.Fact fact : facts) {
            if (names.contains(fact.name())) {
                return Optional.of(new Breach("line " + fact.line() + " " + verb + "`" + fact.name() + suffix
                        + "`, which this exercise asks you not to use", fact.line()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Breach> required(List<String> names, List<SourceFacts.Fact> facts, String verb, String suffix) {
        for (String name : names) {
            if (facts.stream().noneMatch(f -> f.name().equals(name))) {
                return Optional.of(new Breach("your file " + verb + "`" + name + suffix + "`", 0));
            }
        }
        return Optional.empty();
    }
}
