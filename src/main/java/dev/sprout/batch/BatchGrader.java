package dev.sprout.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.platform.launcher.TestExecutionListener;

import dev.sprout.grading.Grader;
import dev.sprout.report.JUnitXml;
import dev.sprout.result.GradeResult;
import dev.sprout.result.SubmissionResult;
import dev.sprout.runner.FolderRefused;
import dev.sprout.spec.GraderSpec;

/**
 * Grades many submissions on a pool of threads, each with its own {@link Grader} (its own JUnit
 * Launcher), since every grading is an independent run in its own sandbox. Nothing a learner's
 * file does stops the batch: a missing file, a crash inside sprout for one submission or the batch
 * running out of time each become that submission's {@code error} result.
 */
public final class BatchGrader {

    /** The {@link GradeResult.LoadError#type()} of a submission sprout could not grade (not the learner's doing). */
    public static final String NOT_GRADED = "SproutError";
    /** The {@link GradeResult.LoadError#type()} of a submission whose folder sprout refuses (a link leading out, too many files). */
    public static final String REFUSED = "FolderRefused";

    /** One finished submission, and its JUnit XML when asked for. */
    public record Outcome(SubmissionResult result, Optional<String> junitXml) {}

    /** Called from worker threads as each submission finishes. */
    public interface Progress {
        void finished(int done, int total, Outcome outcome, long millis);
    }

    private final Supplier<Grader> graders;
    private final int jobs;
    private final Optional<Duration> budget;
    private final boolean junit;

    /**
     * @param graders makes a grader for each worker thread
     * @param jobs    how many submissions grade at once
     * @param budget  wall time for the whole batch; submissions not started by then are not graded
     * @param junit   also record each submission's JUnit XML
     */
    public BatchGrader(Supplier<Grader> graders, int jobs, Optional<Duration> budget, boolean junit) {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        }
        this.graders = graders;
        this.jobs = jobs;
        this.budget = budget;
        this.junit = junit;
    }

    /** Results in the order of {@code targets}. */
    public List<Outcome> grade(List<Target> targets, Progress progress) {
        if (targets.isEmpty()) {
            return List.of();
        }
        long deadline = budget.map(b -> System.nanoTime() + b.toNanos()).orElse(Long.MAX_VALUE);
        ThreadLocal<Grader> grader = ThreadLocal.withInitial(graders);
        SharedText shared = new SharedText();
        AtomicInteger done = new AtomicInteger();
        int threads = Math.min(jobs, targets.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "sprout-grade");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Target target : targets) {
                futures.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    Outcome outcome = System.nanoTime() - deadline > 0
                            ? error(target, "Not graded: the batch ran out of time (--max-time) before reaching it.")
                            : gradeOne(grader.get(), target, shared);
                    progress.finished(
                            done.incrementAndGet(), targets.size(), outcome, (System.nanoTime() - start) / 1_000_000);
                    return outcome;
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    outcomes.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    outcomes.add(error(targets.get(i), "sprout could not grade this submission: " + e.getCause()));
                }
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while grading", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome gradeOne(Grader grader, Target target, SharedText shared) {
        GraderSpec spec = target.exercise().spec();
        Optional<String> outside = Containment.leavesRoot(target);
        if (outside.isPresent()) {
            return refused(target, outside.get());
        }
        if (!target.present()) {
            return error(
                    target,
                    (target.exercise().spec().isPackage()
                                    ? "The folder " + target.path() + "/"
                                    : "The file " + target.path())
                            + " is missing: nothing to grade.");
        }
        try {
            if (!junit) {
                return new Outcome(
                        result(target, shared.share(grader.grade(spec, graders(target), target.dir()))),
                        Optional.empty());
            }
            try (JUnitXml xml = new JUnitXml()) {
                GradeResult graded =
                        grader.grade(spec, graders(target), target.dir(), new TestExecutionListener[] {xml.listener()});
                return new Outcome(result(target, shared.share(graded)), xml.xml());
            }
        } catch (Exception e) {
            Optional<FolderRefused> refused = FolderRefused.in(e);
            if (refused.isPresent()) {
                return refused(target, refused.get().getMessage());
            }
            // One submission that breaks sprout (a sandbox hiccup, an unreadable folder) must not sink the cohort.
            return error(target, "sprout could not grade this submission: " + e.getMessage());
        }
    }

    private static Path graders(Target target) {
        // graders/<stage>/<slug>/grader.yaml → graders/
        return target.exercise().graderDir().getParent().getParent();
    }

    private static SubmissionResult result(Target target, GradeResult graded) {
        return new SubmissionResult(target.student(), target.path(), graded);
    }

    static Outcome error(Target target, String message) {
        return error(target, message, NOT_GRADED);
    }

    /** The learner's folder cannot be graded as it is: their error to fix, not sprout's failure. */
    private static Outcome refused(Target target, String message) {
        return error(target, message, REFUSED);
    }

    private static Outcome error(Target target, String message, String type) {
        GraderSpec spec = target.exercise().spec();
        GradeResult result = new GradeResult(
                spec.id(),
                spec.title(),
                spec.entry(),
                Optional.of(new GradeResult.LoadError(
                        message, type, Optional.empty(), Optional.empty(), Optional.empty(), "")),
                List.of(),
                spec.maxScore(),
                "");
        return new Outcome(result(target, result), Optional.empty());
    }
}
