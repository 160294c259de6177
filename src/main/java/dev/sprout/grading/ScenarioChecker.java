package dev.sprout.grading;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import dev.sprout.result.Verdict;
import dev.sprout.runner.Observation;
import dev.sprout.spec.Action;
import dev.sprout.spec.OutputMatcher;
import dev.sprout.spec.ScenarioStep;
import dev.sprout.value.PyEquality;
import dev.sprout.value.PyValue;

/**
 * Judges a scenario case's steps in order against what the harness saw each one do: the first
 * step that does not match decides the case, and its message names the step.
 */
final class ScenarioChecker {

    private ScenarioChecker() {}

    /** @param output what the whole case printed, shown with a failure */
    static Outcome check(Action.Scenario scenario, Observation o, String output) {
        List<Observation.Step> seen = o.steps();
        for (ScenarioStep step : scenario.steps()) {
            String name = Messages.step(step.number(), step.shortCode());
            if (step.number() > seen.size()) {
                return Outcome.error(Messages.stepNotSeen(name)).showing(output).couldNotRunAtAll();
            }
            Observation.Step observed = seen.get(step.number() - 1);
            Optional<Outcome> failure = judge(step, observed, name);
            if (failure.isPresent()) {
                // an unexpected exception shows its traceback after the output, as a call case's does
                boolean unexpected = observed.status() == Observation.Status.RAISED
                        && failure.get().status() == Verdict.Status.ERROR;
                return failure.get()
                        .showing(
                                unexpected
                                        ? joined(
                                                output,
                                                observed.exception()
                                                        .orElseThrow()
                                                        .traceback())
                                        : output);
            }
        }
        return Outcome.passed();
    }

    private static Optional<Outcome> judge(ScenarioStep step, Observation.Step seen, String name) {
        Optional<ScenarioStep.Expect> expect = step.expect();
        Optional<String> raises = expect.flatMap(ScenarioStep.Expect::raises);
        if (seen.status() == Observation.Status.EXITED) {
            return Optional.of(Outcome.error(Messages.stepExited(name)));
        }
        if (seen.status() == Observation.Status.RAISED) {
            Observation.PythonError error = seen.exception().orElseThrow();
            Optional<Integer> line =
                    error.line().isPresent() ? Optional.of(error.line().getAsInt()) : Optional.empty();
            if (raises.isEmpty()) {
                // unexpected, as in a call case: the learner's error, with its traceback
                return Optional.of(
                        Outcome.error(Messages.stepRaised(name, error)).atLine(line));
            }
            if (!error.isA(raises.get())) {
                return Optional.of(Outcome.wrongAnswer(Messages.stepWrongException(name, raises.get(), error))
                        .expecting(raises.get())
                        .got(error.type())
                        .atLine(line));
            }
            Optional<Pattern> message = expect.get().message();
            if (message.isPresent() && !message.get().matcher(error.message()).find()) {
                return Optional.of(Outcome.wrongAnswer(Messages.stepWrongExceptionMessage(name, error))
                        .expecting(message.get().pattern())
                        .got(error.message())
                        .atLine(line));
            }
            return stdout(expect.get(), seen, name);
        }
        if (seen.status() != Observation.Status.RETURNED) {
            return Optional.of(Outcome.error(Messages.stepNotSeen(name)).couldNotRunAtAll());
        }
        if (expect.isEmpty()) {
            return Optional.empty();
        }
        if (raises.isPresent()) {
            Optional<String> got = step.expression()
                    ? Optional.of(ShortRepr.of(seen.value().orElse(new PyValue.PyNone()), OptionalInt.empty()))
                    : Optional.empty();
            return Optional.of(Outcome.wrongAnswer(Messages.stepNotRaised(name, raises.get(), got))
                    .expecting(raises.get())
                    .got(got));
        }
        if (expect.get().value().isPresent()) {
            PyValue wanted = expect.get().value().get();
            PyValue got = seen.value().orElse(new PyValue.PyNone());
            PyEquality equality = new PyEquality(expect.get().tolerance());
            Optional<String> difference = equality.difference(wanted, got);
            if (difference.isPresent()) {
                OptionalInt first = equality.firstDifferentItem(wanted, got);
                String wantedText = ShortRepr.of(wanted, first);
                String gotText = ShortRepr.of(got, first);
                return Optional.of(Outcome.wrongAnswer(Messages.stepWrongValue(
                                name,
                                wantedText,
                                gotText,
                                difference.get(),
                                got instanceof PyValue.PyNone && !seen.stdout().isBlank()))
                        .expecting(wantedText)
                        .got(gotText));
            }
        }
        if (expect.get().type().isPresent()) {
            String wanted = expect.get().type().get();
            if (!seen.isA(wanted)) {
                String got = seen.type().orElse("?");
                return Optional.of(Outcome.wrongAnswer(Messages.stepWrongType(name, wanted, got))
                        .expecting(wanted)
                        .got(got));
            }
        }
        return stdout(expect.get(), seen, name);
    }

    private static String joined(String output, String traceback) {
        if (output.isBlank()) {
            return traceback;
        }
        return output.endsWith("\n") ? output + traceback : output + "\n" + traceback;
    }

    private static Optional<Outcome> stdout(ScenarioStep.Expect expect, Observation.Step seen, String name) {
        if (expect.stdout().isEmpty()) {
            return Optional.empty();
        }
        OutputMatcher matcher = expect.stdout().get();
        return matcher.mismatch(seen.stdout())
                .map(problem -> Outcome.wrongAnswer(Messages.stepWrongStdout(name, problem, seen.stdoutTruncated()))
                        .expecting(matcher.wholeText())
                        .got(matcher.wholeText().isPresent() ? Optional.of(seen.stdout()) : Optional.empty()));
    }
}
