package dev.sprout.runner;

import java.time.Duration;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Case;

/**
 * What both engines' sessions share: the submission's clock, the file's load result, and the
 * skeleton every case runs through, start → send → wait → classify. A subclass says how its
 * engine does each step (a pipelined harness of its own, or a turn on a shared GraalPy worker).
 *
 * <p>An abstract base rather than composed collaborators because the shared part is the order of
 * the steps and the clock arithmetic around them, and the steps need the engine's state (its
 * process, what it has sent ahead): a template keeps that order in one final method, where
 * collaborators would leave each session to repeat it.
 *
 * @param <S> what the engine keeps of a case it was sent until the reply comes
 */
abstract class EngineSession<S> implements Session {

    final Submission submission;
    final SubmissionClock clock;
    private Optional<Observation.PythonError> loadError = Optional.empty();

    EngineSession(Submission submission) {
        this.submission = submission;
        this.clock = new SubmissionClock(submission.limits().submissionWall());
    }

    @Override
    public final Optional<Observation.PythonError> load() {
        ready();
        return loadError;
    }

    @Override
    public final Observation run(Case testCase, Limits limits) {
        Duration left = clock.left();
        if (left.isNegative() || left.isZero()) {
            return CaseFailures.submissionSpent(clock.budget());
        }
        startForCase();
        Optional<S> sent = send(testCase, limits);
        Duration wait = waitLimit(limits, left);
        long started = System.nanoTime();
        Optional<JsonNode> reply = sent.isEmpty() ? Optional.empty() : await(sent.get(), wait);
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        return reply.isPresent() ? answered(sent.get(), reply.get(), elapsed) : unanswered(limits, elapsed);
    }

    /** Starts the engine if it is not running and has it load the file; {@link #loaded} records the answer. */
    abstract void ready();

    /** The start step of a case: {@link #ready()} unless the engine says otherwise. */
    void startForCase() {
        ready();
    }

    /** Sends the case; empty when the engine is gone. */
    abstract Optional<S> send(Case testCase, Limits limits);

    /** How long to wait for the case's reply, given the submission's time {@code left} when the case began. */
    abstract Duration waitLimit(Limits limits, Duration left);

    /** The case's reply; empty on timeout or when the engine ended. */
    abstract Optional<JsonNode> await(S sent, Duration wait);

    /** Classifies a reply: by default, the observation it carries. */
    Observation answered(S sent, JsonNode reply, long elapsedMillis) {
        return Wire.observation(reply);
    }

    /** Classifies silence: the engine hung or died; this case pays, the next one gets a fresh engine. */
    abstract Observation unanswered(Limits limits, long elapsedMillis);

    /** Records the engine's answer to load: compiled, or the learner's syntax error. */
    final void loaded(JsonNode reply) {
        loadError = reply.path("ok").asBoolean(false) ? Optional.empty() : Wire.error(reply.path("error"));
    }
}
