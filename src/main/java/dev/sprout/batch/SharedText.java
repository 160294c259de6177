package dev.sprout.batch;

import java.util.concurrent.ConcurrentHashMap;

import dev.sprout.result.GradeResult;
import dev.sprout.result.Verdict;

/**
 * One copy of each text a batch keeps until its reports are written. A class's results repeat
 * most of their text: every submission of an exercise has the same case names, task names, hints
 * and test code, and the same mistake gets the same message. Kept once, the memory a batch holds
 * grows with the different texts rather than with the number of submissions (BENCHMARKS.md,
 * "Class grading at the machine's limit"). Only the JVM's copies are shared; nothing is changed.
 */
final class SharedText {

    private final ConcurrentHashMap<String, String> texts = new ConcurrentHashMap<>();

    GradeResult share(GradeResult result) {
        return new GradeResult(
                text(result.exercise()),
                text(result.title()),
                text(result.file()),
                result.loadError(),
                result.verdicts().stream().map(this::share).toList(),
                result.maxScore(),
                text(result.runWith()));
    }

    private Verdict share(Verdict v) {
        return new Verdict(
                text(v.exercise()),
                v.task(),
                text(v.taskName()),
                text(v.name()),
                v.status(),
                v.points(),
                v.maxPoints(),
                v.hidden(),
                text(v.message()),
                v.expected().map(this::text),
                v.actual().map(this::text),
                text(v.output()),
                v.line(),
                text(v.file()),
                v.hint().map(this::text),
                text(v.testCode()),
                v.millis(),
                v.couldNotRun());
    }

    private String text(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        String known = texts.putIfAbsent(s, s);
        return known == null ? s : known;
    }
}
