package dev.sprout.grading;

import java.util.List;

import dev.sprout.runner.Session;
import dev.sprout.runner.SourceFacts;
import dev.sprout.spec.Action;
import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;
import dev.sprout.result.Verdict;

/** The state one exercise's cases share while they run: the grader and, once read, the source facts. */
final class ExerciseRun {

    private final GraderSpec spec;
    private final CaseGrader grader;
    private final List<String> missingModules;
    private SourceFacts facts;
    private final List<StuckLoad> stuckLoads = new java.util.ArrayList<>();

    /** A case whose top-level code never finished: it ran into a time limit in module-level code. */
    record StuckLoad(CaseContext where, Verdict verdict) {

        /**
         * Whether {@code c} would start the file just the same way, under limits no larger: a call
         * or expression case with the same input and files (both load the file as a module), or a
         * program run with the same arguments, environment and files (any input: the stuck run
         * read none of its own).
         */
        boolean repeatsIn(CaseContext c) {
            Case first = where.testCase();
            Case next = c.testCase();
            boolean sameStart = CaseGrader.loadsTheFile(first)
                    ? CaseGrader.loadsTheFile(next) && next.stdin().equals(first.stdin())
                    : next.action() instanceof Action.Run run && run.equals(first.action());
            return sameStart && next.files().equals(first.files())
                    && c.limits().cpu().compareTo(where.limits().cpu()) <= 0
                    && c.limits().wall().compareTo(where.limits().wall()) <= 0;
        }
    }

    ExerciseRun(GraderSpec spec, List<String> missingModules) {
        this.spec = spec;
        this.grader = new CaseGrader(spec.id(), spec.entry());
        this.missingModules = List.copyOf(missingModules);
    }

    GraderSpec spec() {
        return spec;
    }

    CaseGrader grader() {
        return grader;
    }

    List<String> missingModules() {
        return missingModules;
    }

    /** The stuck case that {@code c} would repeat, if any. */
    java.util.Optional<StuckLoad> stuckLoadFor(CaseContext c) {
        return stuckLoads.stream().filter(stuck -> stuck.repeatsIn(c)).findFirst();
    }

    void stuckLoad(StuckLoad stuck) {
        stuckLoads.add(stuck);
    }

    SourceFacts facts(Session session) {
        if (facts == null) {
            facts = session.facts();
        }
        return facts;
    }

}
