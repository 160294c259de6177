package dev.sprout.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecParser;

/** The skeleton both engines share, with an engine that only records what it is asked to do. */
class EngineSessionTest {

    private static final Case CASE = spec().cases().findFirst().orElseThrow();

    private static GraderSpec spec() {
        return SpecParser.parse(Path.of("grader.yaml"), "adder", """
                version: 1
                entry: adder.py
                tasks:
                  - name: Adding
                    cases:
                      - {name: adds, call: add, args: [2, 3], expect: {value: 5}}
                """);
    }

    /** Answers every case with {@code reply}, or stays silent when it is empty. */
    private static final class Recording extends EngineSession<String> {
        final List<String> steps = new ArrayList<>();
        final Optional<JsonNode> reply;
        Duration waited;

        Recording(Duration submissionWall, Optional<JsonNode> reply) {
            super(new Submission(
                    Path.of("."), "adder.py", List.of(), Limits.DEFAULTS.withSubmissionWall(submissionWall)));
            this.reply = reply;
        }

        @Override
        void ready() {
            steps.add("start");
        }

        @Override
        Optional<String> send(Case testCase, Limits limits) {
            steps.add("send");
            return Optional.of("c1");
        }

        @Override
        Duration waitLimit(Limits limits, Duration left) {
            return left.compareTo(limits.wall()) < 0 ? left : limits.wall();
        }

        @Override
        Optional<JsonNode> await(String sent, Duration wait) {
            steps.add("wait " + sent);
            waited = wait;
            return reply;
        }

        @Override
        Observation unanswered(Limits limits, long elapsedMillis) {
            steps.add("silence");
            return CaseFailures.timedOut(limits.wall(), "Traceback: stuck here", elapsedMillis);
        }

        @Override
        public String describe() {
            return "recording";
        }

        @Override
        public List<String> missingModules() {
            return List.of();
        }

        @Override
        public SourceFacts facts() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    @Test
    void aCaseRunsAsStartSendWaitClassify() {
        JsonNode result = JsonNodeFactory.instance
                .objectNode()
                .put("op", "result")
                .put("id", "c1")
                .put("status", "returned")
                .set(
                        "value",
                        JsonNodeFactory.instance.objectNode().put("t", "int").put("v", "5"));
        Recording session = new Recording(Duration.ofSeconds(60), Optional.of(result));

        Observation observed = session.run(CASE, Limits.DEFAULTS);

        assertThat(session.steps).containsExactly("start", "send", "wait c1");
        assertThat(observed.status()).isEqualTo(Observation.Status.RETURNED);
    }

    @Test
    void silenceIsClassifiedByTheEngineWithTheTailOfItsStderr() {
        Recording session = new Recording(Duration.ofSeconds(60), Optional.empty());

        Observation observed = session.run(CASE, Limits.DEFAULTS.withWall(Duration.ofSeconds(2)));

        assertThat(session.steps).containsExactly("start", "send", "wait c1", "silence");
        assertThat(observed.status()).isEqualTo(Observation.Status.TIMEOUT);
        assertThat(observed.exception().orElseThrow().message())
                .isEqualTo("the program did not finish within 2 s\nTraceback: stuck here");
    }

    @Test
    void aSpentSubmissionRunsNothing() throws InterruptedException {
        Recording session = new Recording(Duration.ofMillis(1), Optional.empty());
        Thread.sleep(5);

        Observation observed = session.run(CASE, Limits.DEFAULTS);

        assertThat(session.steps).isEmpty();
        assertThat(observed.exception().orElseThrow().type()).isEqualTo("SubmissionTimeout");
    }

    @Test
    void theWaitIsGivenWhatIsLeftOfTheSubmission() {
        Recording session = new Recording(Duration.ofSeconds(3), Optional.empty());

        session.run(CASE, Limits.DEFAULTS.withWall(Duration.ofSeconds(30)));

        assertThat(session.waited).isLessThanOrEqualTo(Duration.ofSeconds(3)).isGreaterThan(Duration.ofSeconds(1));
    }

    @Test
    void timeSpentOutsideTheClockIsGivenBack() throws InterruptedException {
        SubmissionClock clock = new SubmissionClock(Duration.ofMillis(300));

        clock.notCounting(() -> sleep(400));

        assertThat(clock.left()).isPositive();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
