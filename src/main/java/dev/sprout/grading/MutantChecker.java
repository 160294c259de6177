package dev.sprout.grading;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.sprout.result.Verdict;
import dev.sprout.runner.Observation;
import dev.sprout.runner.TestRun;
import dev.sprout.spec.Action;

/**
 * The grading policy of {@code tests} cases: the learner's tests must pass against the real
 * module, and each mutant is caught by a test that fails against it but passes against the real
 * module. A mutant case never shows what its run printed, raised or where it stopped: all of that
 * may quote the mutant's source, which the learner must not see; it says in words, from the spec's
 * {@code describe:}, what the tests miss.
 *
 * <p>One checker per exercise run: it remembers which tests failed against the real module (that
 * case comes first, the spec parser makes sure), so a test that always fails catches nothing.
 */
final class MutantChecker {

    private static final int FAILURES_SHOWN = 3;

    private final String file;
    private Set<String> failingOnReal = Set.of();

    MutantChecker(String file) {
        this.file = file;
    }

    /**
     * The outcome, or empty where the usual policy decides: the real-module case when its run did not
     * return (a time limit, a file that does not compile, a missing module), which shows what the
     * learner's own code did.
     */
    Optional<Outcome> judge(Action.Tests tests, Observation o) {
        boolean mutant = tests.mutant().isPresent();
        if (o.status() != Observation.Status.RETURNED || o.tests().isEmpty()) {
            return mutant ? Optional.of(didNotFinish(tests, o)) : Optional.empty();
        }
        TestRun run = o.tests().get();
        if (run.error().isPresent()) {
            Outcome outcome = mutant
                    ? Outcome.error(Messages.testsDidNotLoadForMutant(file))
                    : Outcome.error(Messages.testsDidNotLoad(file, tests.module()))
                            .showing(run.error().get());
            return Optional.of(outcome.couldNotRunAtAll());
        }
        if (run.ran() == 0) {
            return Optional.of(Outcome.wrongAnswer(Messages.noTestsFound(file)));
        }
        return Optional.of(mutant ? mutant(tests, run) : real(tests, run));
    }

    private Outcome real(Action.Tests tests, TestRun run) {
        List<TestRun.Test> failed =
                run.results().stream().filter(TestRun.Test::failed).toList();
        failingOnReal = failed.stream().map(TestRun.Test::name).collect(Collectors.toUnmodifiableSet());
        if (failed.isEmpty()) {
            return Outcome.passed();
        }
        List<String> shown = failed.stream()
                .limit(FAILURES_SHOWN)
                .map(t -> Messages.failedTest(t.name(), t.line(), t.message()))
                .toList();
        Optional<Integer> line = failed.get(0).line().isPresent()
                ? Optional.of(failed.get(0).line().getAsInt())
                : Optional.empty();
        return Outcome.wrongAnswer(Messages.testsFailOnRealModule(
                        tests.module(), run.ran(), failed.size(), shown, failed.size() - shown.size()))
                .atLine(line);
    }

    private Outcome mutant(Action.Tests tests, TestRun run) {
        List<String> failed = run.results().stream()
                .filter(TestRun.Test::failed)
                .map(TestRun.Test::name)
                .toList();
        if (failed.stream().anyMatch(name -> !failingOnReal.contains(name))) {
            return Outcome.passed();
        }
        String missed = tests.missed().orElse("");
        return Outcome.wrongAnswer(
                failed.isEmpty()
                        ? Messages.mutantMissed(tests.module(), run.ran(), missed)
                        : Messages.mutantMissedFailingAnyway(tests.module(), failed.size(), missed));
    }

    /** A mutant case that did not return: said without anything the run showed. */
    private Outcome didNotFinish(Action.Tests tests, Observation o) {
        return switch (o.status()) {
            case TIMEOUT, CPU_LIMIT ->
                Outcome.of(
                        o.status() == Observation.Status.TIMEOUT ? Verdict.Status.TIMEOUT : Verdict.Status.CPU_LIMIT,
                        Messages.testsOutOfTimeOnMutant(
                                tests.module(), tests.missed().orElse("")));
            case RAISED ->
                Outcome.error(Messages.testsDidNotLoadForMutant(file)).couldNotRunAtAll();
            case HARNESS_ERROR ->
                Outcome.error(Messages.harnessError(o.exception())).couldNotRunAtAll();
            default -> Outcome.error(Messages.testsDidNotFinishOnMutant(tests.module()));
        };
    }
}
