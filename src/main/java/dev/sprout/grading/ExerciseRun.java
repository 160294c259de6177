package dev.sprout.grading;

import java.util.List;

import dev.sprout.runner.Session;
import dev.sprout.runner.SourceFacts;
import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;

/** The state one exercise's cases share while they run: the grader and, once read, the source facts. */
final class ExerciseRun {

    private final GraderSpec spec;
    private final CaseGrader grader;
    private final List<String> missingModules;
    private SourceFacts facts;
    private java.util.Optional<StuckLoad> stuckLoad = java.util.Optional.empty();

    /** A case in which loading the learner's file never finished: it ran into a limit in module-level code. */
    record StuckLoad(CaseContext where, Verdict verdict) {

        /** Whether {@code c} would load the file just the same way, under limits no larger. */
        boolean repeatsIn(CaseContext c) {
            Case first = where.testCase();
            return CaseGrader.loadsTheFile(c.testCase())
                    && c.testCase().stdin().equals(first.stdin()) && c.testCase().files().equals(first.files())
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

    java.util.Optional<StuckLoad> stuckLoad() {
        return stuckLoad;
    }

    void stuckLoad(StuckLoad stuck) {
        stuckLoad = java.util.Optional.of(stuck);
    }

    SourceFacts facts(Session session) {
        if (facts == null) {
            facts = session.facts();
        }
        return facts;
    }

}
