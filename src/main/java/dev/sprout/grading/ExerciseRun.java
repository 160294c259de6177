package dev.sprout.grading;

import java.util.List;

import dev.sprout.runner.Session;
import dev.sprout.runner.SourceFacts;
import dev.sprout.spec.GraderSpec;

/** The state one exercise's cases share while they run: the grader and, once read, the source facts. */
final class ExerciseRun {

    private final GraderSpec spec;
    private final CaseGrader grader;
    private final List<String> missingModules;
    private SourceFacts facts;

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

    SourceFacts facts(Session session) {
        if (facts == null) {
            facts = session.facts();
        }
        return facts;
    }

}
