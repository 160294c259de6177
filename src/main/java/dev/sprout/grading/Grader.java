package dev.sprout.grading;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.sprout.result.GradeResult;
import dev.sprout.runner.Engine;
import dev.sprout.runner.RunnerException;
import dev.sprout.runner.Session;
import dev.sprout.runner.Submission;
import dev.sprout.spec.GraderSpec;

/**
 * Grades exercises by running the sprout engine through the JUnit Platform Launcher, exactly
 * as an IDE or Surefire would; extra listeners (e.g. the JUnit XML writer) join the same run.
 */
public final class Grader {

    /** Where the JUnit launcher runs: see executeWithoutFlightRecorder. */
    private static final ClassLoader HIDING_FLIGHT_RECORDER = new HidingFlightRecorder(Grader.class.getClassLoader());

    private final Engine raw;
    private final EarlyStart engine;
    /** The grading this thread runs, when it may be cancelled: its sessions register there. */
    private final ThreadLocal<Cancel> cancel = new ThreadLocal<>();

    private volatile boolean stopAtTimeLimit;
    private final Launcher launcher;
    private final Map<String, String> limitParameters;

    public Grader(Engine engine) {
        this(engine, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Limits given here override every spec's: for a slow machine, or a mentor's stricter policy. */
    public Grader(
            Engine engine, Optional<Double> cpuSeconds, Optional<Double> wallSeconds, Optional<Integer> memoryMb) {
        this.raw = engine;
        this.engine = new EarlyStart(new Engine() {
            @Override
            public String name() {
                return engine.name();
            }

            @Override
            public Session open(Submission submission) {
                Cancel current = cancel.get();
                Session session = engine.open(submission);
                return current == null ? session : current.register(session);
            }
        });
        Map<String, String> limits = new HashMap<>();
        cpuSeconds.ifPresent(v -> limits.put(SproutConfig.LIMIT_CPU, String.valueOf(v)));
        wallSeconds.ifPresent(v -> limits.put(SproutConfig.LIMIT_WALL, String.valueOf(v)));
        memoryMb.ifPresent(v -> limits.put(SproutConfig.LIMIT_MEMORY_MB, String.valueOf(v)));
        this.limitParameters = Map.copyOf(limits);
        this.launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestEngines(new SproutTestEngine(this.engine))
                .build());
    }

    /**
     * JUnit 6 makes a launcher per request and gives it Java Flight Recorder listeners when the
     * thread's context class loader can see {@code jdk.jfr}: ~110 JFR classes, ~3 MB of a one-shot
     * submit's memory, for events sprout never records (issue #17). The request runs under a loader
     * that hides them; should JUnit look elsewhere one day, the listeners come back and nothing
     * else changes.
     */
    private void executeWithoutFlightRecorder(LauncherDiscoveryRequest request, TestExecutionListener[] listeners) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(HIDING_FLIGHT_RECORDER);
        try {
            launcher.execute(request, listeners);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Delegates every class to sprout's own loader except the Flight Recorder's. */
    private static final class HidingFlightRecorder extends ClassLoader {
        HidingFlightRecorder(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("jdk.jfr.")) {
                throw new ClassNotFoundException(name + " is hidden from the JUnit launcher");
            }
            return super.loadClass(name, resolve);
        }
    }

    public Engine engine() {
        return raw;
    }

    /**
     * For a learner waiting at the keyboard: after the first case that runs out of time, the rest
     * are marked not run instead of each waiting out its own limit. {@code grade} (CI) keeps
     * grading every case, for points.
     */
    public Grader stoppingAtFirstTimeLimit() {
        stopAtTimeLimit = true;
        return this;
    }

    /**
     * As {@link #grade(GraderSpec, Path, Path, TestExecutionListener...)}, stoppable from another
     * thread through {@code cancel}.
     *
     * @throws GradingCancelled when {@code cancel} was cancelled before the grading finished
     */
    public GradeResult grade(
            GraderSpec spec, Path graders, Path learnerDir, Cancel cancel, TestExecutionListener... listeners) {
        if (cancel.cancelled()) {
            throw new GradingCancelled();
        }
        this.cancel.set(cancel);
        GradeResult result;
        try {
            result = grade(spec, graders, learnerDir, listeners);
        } catch (RuntimeException e) {
            if (cancel.cancelled()) {
                throw new GradingCancelled();
            }
            throw e;
        } finally {
            this.cancel.remove();
        }
        if (cancel.cancelled()) {
            throw new GradingCancelled();
        }
        return result;
    }

    /**
     * @param spec       the exercise (already parsed, so a broken spec was reported before)
     * @param graders    the folder of grader specs the exercise belongs to
     * @param learnerDir the learner's copy of the exercise folder
     * @param listeners  further listeners, e.g. report writers
     */
    public GradeResult grade(GraderSpec spec, Path graders, Path learnerDir, TestExecutionListener... listeners) {
        // the sandbox and interpreter start first, while the Launcher discovers; the exercise adopts them
        Submission submission = ExerciseRun.submission(
                spec,
                learnerDir,
                SproutConfig.limits(spec, Optional.empty(), key -> Optional.ofNullable(limitParameters.get(key))));
        ReferenceAnswers.prefetch(
                engine,
                spec,
                submission.limits(),
                c -> SproutConfig.limits(spec, Optional.of(c), key -> Optional.ofNullable(limitParameters.get(key))));
        engine.prepare(submission);
        VerdictCollector collector = new VerdictCollector();
        try {
            // selecting the spec file itself spares parsing every other spec of the pack
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectFile(spec.file().toFile()))
                    .configurationParameter(SproutConfig.GRADERS, graders.toString())
                    .configurationParameter(SproutConfig.SUBMISSION, learnerDir.toString())
                    .configurationParameter("junit.platform.discovery.issue.severity.critical", "error")
                    .configurationParameters(limitParameters)
                    .configurationParameter(SproutConfig.STOP_AT_TIME_LIMIT, String.valueOf(stopAtTimeLimit))
                    .build();
            List<TestExecutionListener> all = new ArrayList<>(List.of(listeners));
            all.add(0, collector);
            executeWithoutFlightRecorder(request, all.toArray(TestExecutionListener[]::new));
        } finally {
            engine.discard(submission);
        }
        if (collector.internalError().isPresent()) {
            Throwable error = collector.internalError().get();
            if (error instanceof RunnerException runner) {
                throw runner;
            }
            throw new RunnerException("Grading " + spec.id() + " failed inside sprout: " + error, error);
        }
        return new GradeResult(
                spec.id(),
                spec.title(),
                spec.entry(),
                collector.loadError(),
                collector.verdicts(),
                spec.maxScore(),
                collector.runWith());
    }
}
