package dev.sprout.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import dev.sprout.result.GradeResult;
import dev.sprout.runner.CPythonEngine;
import dev.sprout.runner.Engine;
import dev.sprout.runner.InterpreterFinder;
import dev.sprout.runner.Observation;
import dev.sprout.runner.RunnerException;
import dev.sprout.runner.Session;
import dev.sprout.runner.SourceFacts;
import dev.sprout.runner.Submission;
import dev.sprout.sandbox.Limits;
import dev.sprout.sandbox.Sandboxes;
import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecParser;

/** The Grader starts the sandbox before discovery; the exercise adopts that session, or it is closed. */
class GraderEarlyStartTest {

    private static final String SPEC = """
            version: 1
            entry: adder.py
            tasks:
              - name: Adding
                cases:
                  - {name: adds, call: add, args: [2, 3], expect: {value: 5}}
                  - {name: adds again, call: add, args: [1, 1], expect: {value: 2}}
            """;

    @TempDir
    Path pack;

    private final CountingEngine engine = new CountingEngine(
            new CPythonEngine(new InterpreterFinder(Optional.empty(), System.getenv()), Sandboxes.choose("auto")));

    @Test
    void theExerciseAdoptsTheSessionStartedBeforeDiscovery() throws IOException {
        GraderSpec spec = exercise();

        GradeResult result = new Grader(engine).grade(spec, pack.resolve("graders"), learnerDir());

        assertThat(result.passed()).isTrue();
        assertThat(engine.started).as("sessions started early").hasValue(1);
        assertThat(engine.opened).as("sessions opened").hasValue(1);
        assertThat(engine.closed).as("sessions closed").hasValue(1);
    }

    @Test
    void aSessionNoExerciseAskedForIsClosed() throws IOException {
        GraderSpec spec = exercise();
        // discovery re-reads the spec: broken on disk now, so no exercise runs
        Files.writeString(spec.file(), "version: 1\nentry: [\n");

        assertThatThrownBy(() -> new Grader(engine).grade(spec, pack.resolve("graders"), learnerDir()))
                .isInstanceOf(RunnerException.class)
                .hasMessageContaining("grader.yaml:2");

        assertThat(engine.opened).hasValue(1);
        assertThat(engine.closed).as("the early session is closed").hasValue(1);
    }

    @Test
    void theLauncherRunsWhereJUnitCannotFindTheFlightRecorderAndTheThreadGetsItsLoaderBack() throws IOException {
        GraderSpec spec = exercise();
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        List<String> seen = new ArrayList<>();
        TestExecutionListener probe = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier test) {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                try {
                    Class.forName("jdk.jfr.FlightRecorder", false, loader);
                    seen.add("jfr visible");
                } catch (ClassNotFoundException hidden) {
                    seen.add("jfr hidden");
                }
                try {
                    Class.forName(Grader.class.getName(), false, loader);
                    seen.add("sprout visible");
                } catch (ClassNotFoundException e) {
                    seen.add("sprout hidden");
                }
            }
        };

        GradeResult result = new Grader(engine).grade(spec, pack.resolve("graders"), learnerDir(), probe);

        assertThat(result.passed()).isTrue();
        assertThat(seen).isNotEmpty().containsOnly("jfr hidden", "sprout visible");
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }

    private GraderSpec exercise() throws IOException {
        Path graders = Files.createDirectories(pack.resolve("graders/01-stage/01-adder"));
        Files.writeString(graders.resolve("grader.yaml"), SPEC);
        Files.createDirectories(learnerDir());
        Files.writeString(learnerDir().resolve("adder.py"), "def add(a, b):\n    return a + b\n");
        return SpecParser.parse(graders.resolve("grader.yaml"), "adder");
    }

    private Path learnerDir() {
        return pack.resolve("exercises/01-stage/01-adder");
    }

    /** Counts what the Grader does with sessions; the sessions themselves are real. */
    private static final class CountingEngine implements Engine {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        private final Engine real;

        CountingEngine(Engine real) {
            this.real = real;
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public Session open(Submission submission) {
            opened.incrementAndGet();
            Session session = real.open(submission);
            return new Session() {
                public String describe() {
                    return session.describe();
                }

                public void start() {
                    started.incrementAndGet();
                    session.start();
                }

                public Optional<Observation.PythonError> load() {
                    return session.load();
                }

                public List<String> missingModules() {
                    return session.missingModules();
                }

                public SourceFacts facts() {
                    return session.facts();
                }

                public Observation run(Case testCase, Limits limits) {
                    return session.run(testCase, limits);
                }

                public void plan(List<PlannedCase> cases) {
                    session.plan(cases);
                }

                public void close() {
                    closed.incrementAndGet();
                    session.close();
                }
            };
        }
    }
}
