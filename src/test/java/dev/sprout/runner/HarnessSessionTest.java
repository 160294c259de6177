package dev.sprout.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sprout.sandbox.Limits;
import dev.sprout.sandbox.Sandbox;
import dev.sprout.sandbox.SandboxRequest;
import dev.sprout.sandbox.SandboxedProcess;
import dev.sprout.sandbox.Sandboxes;
import dev.sprout.sandbox.Tier;
import dev.sprout.spec.Case;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecParser;

/** The Java side of the channel, against a stand-in harness that misbehaves on purpose. */
class HarnessSessionTest {

    /** Answers hello and load properly, then replies to every case with another case's id. */
    private static final String OUT_OF_TURN = String.join(
            "\n",
            "import sys, json",
            "for line in sys.stdin:",
            "    req = json.loads(line)",
            "    op = req.get('op')",
            "    if op == 'hello':",
            "        out = {'op': 'ready', 'python': '3', 'implementation': 'cpython', 'executable': sys.executable}",
            "    elif op == 'load':",
            "        out = {'op': 'loaded', 'ok': True, 'module': 'adder'}",
            "    elif op == 'case':",
            "        out = {'op': 'result', 'id': 'c999', 'status': 'returned', 'value': {'t': 'int', 'v': '5'}}",
            "    else:",
            "        break",
            "    print(json.dumps(out), flush=True)");

    @TempDir
    Path dir;

    @Test
    void aReplyForAnotherRequestIsAHarnessErrorNotAVerdict() throws IOException {
        Files.writeString(dir.resolve("adder.py"), "def add(a, b):\n    return a + b\n");
        GraderSpec spec = SpecParser.parse(dir.resolve("grader.yaml"), "adder", """
                version: 1
                entry: adder.py
                tasks:
                  - name: Adding
                    cases:
                      - name: adds
                        call: add
                        args: [2, 3]
                        expect: {value: 5}
                """);
        Interpreter python = new InterpreterFinder(Optional.of("/usr/bin/python3"), System.getenv()).find(List.of());
        Sandbox fake = new StandInHarness(python);

        try (HarnessSession session = new HarnessSession(
                python, List.of(), fake, new Submission(dir, "adder.py", List.of(), Limits.DEFAULTS))) {
            assertThat(session.load()).isEmpty();
            Observation observed = session.run(spec.cases().findFirst().orElseThrow(), Limits.DEFAULTS);

            assertThat(observed.status()).isEqualTo(Observation.Status.HARNESS_ERROR);
            assertThat(observed.value()).isEmpty();
            assertThat(observed.exception().orElseThrow().message()).contains("out of turn");
        }
    }

    private static final String PIPELINE_SPEC = """
            version: 1
            entry: steps.py
            tasks:
              - name: Steps
                cases:
                  - {name: one, call: twice, args: [1], expect: {value: 2}}
                  - {name: kills, call: kill_harness, args: [], expect: {value: 0}}
                  - {name: two, call: twice, args: [2], expect: {value: 4}}
                  - {name: three, call: twice, args: [3], expect: {value: 6}}
                  - {name: four, call: twice, args: [4], expect: {value: 8}}
                  - {name: shape, source: {require_calls: [kill]}}
            """;

    /**
     * With a plan the session sends the next case before the last one's reply is read; every
     * reply still belongs to its own case, whether a case kills the harness (its successor, sent
     * ahead to the dead harness, runs again in a fresh one), the caller leaves the plan, or asks
     * for the source facts in between.
     */
    @Test
    void casesSentAheadKeepTheirOwnResults() throws IOException {
        Files.writeString(dir.resolve("steps.py"), """
                import os, signal

                def twice(n):
                    return 2 * n

                def kill_harness():
                    os.kill(os.getppid(), signal.SIGKILL)
                """);
        GraderSpec spec = SpecParser.parse(dir.resolve("grader.yaml"), "steps", PIPELINE_SPEC);
        List<Case> cases = spec.cases().toList();
        Interpreter python = new InterpreterFinder(Optional.of("/usr/bin/python3"), System.getenv()).find(List.of());

        try (HarnessSession session = new HarnessSession(
                python,
                List.of(),
                Sandboxes.choose("auto"),
                new Submission(dir, "steps.py", List.of(), Limits.DEFAULTS))) {
            assertThat(session.load()).isEmpty();
            session.plan(cases.subList(0, 5).stream()
                    .map(c -> new Session.PlannedCase(c, Limits.DEFAULTS))
                    .toList());

            assertThat(valueOf(session.run(cases.get(0), Limits.DEFAULTS))).isEqualTo("2");
            assertThat(session.run(cases.get(1), Limits.DEFAULTS).status()).isEqualTo(Observation.Status.CRASHED);
            assertThat(valueOf(session.run(cases.get(2), Limits.DEFAULTS))).isEqualTo("4");
            // off the plan: "four" instead of "three", which was sent ahead and is skipped
            assertThat(valueOf(session.run(cases.get(4), Limits.DEFAULTS))).isEqualTo("8");
            assertThat(valueOf(session.run(cases.get(3), Limits.DEFAULTS))).isEqualTo("6");

            session.plan(List.of(
                    new Session.PlannedCase(cases.get(2), Limits.DEFAULTS),
                    new Session.PlannedCase(cases.get(3), Limits.DEFAULTS)));
            assertThat(valueOf(session.run(cases.get(2), Limits.DEFAULTS))).isEqualTo("4");
            // "three" is on its way: facts must still get the facts reply
            assertThat(session.facts().functions())
                    .extracting(SourceFacts.Fact::name)
                    .contains("twice", "kill_harness");
            assertThat(valueOf(session.run(cases.get(3), Limits.DEFAULTS))).isEqualTo("6");
        }
    }

    /**
     * An exercise's required packages are imported once, before load, so each case finds them in
     * sys.modules; a module the learner's folder holds under that name is left to the learner.
     */
    @Test
    void requiredPackagesAreImportedOnceForEveryCaseUnlessTheLearnersFolderHasThatName() throws IOException {
        Files.writeString(dir.resolve("probe.py"), """
                import sys

                def imported(name):
                    return name in sys.modules
                """);
        // the learner's own fractions.pyc: an import from the exercise folder would find it first
        Files.writeString(dir.resolve("fractions.pyc"), "not really compiled");
        GraderSpec spec = SpecParser.parse(dir.resolve("grader.yaml"), "probe", """
                version: 1
                entry: probe.py
                requires: [decimal, fractions]
                tasks:
                  - name: Preload
                    cases:
                      - {name: decimal, call: imported, args: [decimal], expect: {value: true}}
                      - {name: fractions, call: imported, args: [fractions], expect: {value: false}}
                """);
        List<Case> cases = spec.cases().toList();
        Interpreter python = new InterpreterFinder(Optional.of("/usr/bin/python3"), System.getenv()).find(List.of());

        try (HarnessSession session = new HarnessSession(
                python,
                List.of(),
                Sandboxes.choose("auto"),
                new Submission(dir, "probe.py", List.of("decimal", "fractions"), Limits.DEFAULTS))) {
            assertThat(session.load()).isEmpty();
            assertThat(valueOf(session.run(cases.get(0), Limits.DEFAULTS))).isEqualTo("True");
            assertThat(valueOf(session.run(cases.get(1), Limits.DEFAULTS))).isEqualTo("False");
        }
    }

    /**
     * An exercise that requires no installed package starts Python without site (-S): learner
     * code still has exit(), help() and, on first import, the installed packages.
     */
    @Test
    void withoutSiteAtStartLearnerCodeStillHasWhatSiteGives() throws IOException {
        InterpreterFinder finder = new InterpreterFinder(Optional.of("/usr/bin/python3"), System.getenv());
        Interpreter python = finder.find(List.of());
        assumeTrue(
                finder.missing(python, List.of("flask")).isEmpty(),
                "needs Flask for /usr/bin/python3 (Debian: python3-flask)");
        Files.writeString(dir.resolve("probe.py"), """
                import sys

                def flags():
                    return sys.flags.no_site

                def helpers():
                    return [type(f).__name__ for f in (exit, quit, help, copyright)]

                def installed():
                    import flask
                    return flask.__name__

                def leave():
                    exit(3)
                """);
        GraderSpec spec = SpecParser.parse(dir.resolve("grader.yaml"), "probe", """
                version: 1
                entry: probe.py
                tasks:
                  - name: Site
                    cases:
                      - {name: flags, call: flags, args: [], expect: {value: 1}}
                      - {name: helpers, call: helpers, args: [], expect: {value: 0}}
                      - {name: installed, call: installed, args: [], expect: {value: 0}}
                      - {name: leave, call: leave, args: [], expect: {value: 0}}
                """);
        List<Case> cases = spec.cases().toList();

        try (HarnessSession session = new HarnessSession(
                python,
                List.of(),
                Sandboxes.choose("auto"),
                new Submission(dir, "probe.py", List.of(), Limits.DEFAULTS))) {
            assertThat(session.load()).isEmpty();
            assertThat(valueOf(session.run(cases.get(0), Limits.DEFAULTS)))
                    .as("started with -S")
                    .isEqualTo("1");
            assertThat(valueOf(session.run(cases.get(1), Limits.DEFAULTS)))
                    .isEqualTo("['Quitter', 'Quitter', '_Helper', '_Printer']");
            assertThat(valueOf(session.run(cases.get(2), Limits.DEFAULTS))).isEqualTo("'flask'");
            Observation left = session.run(cases.get(3), Limits.DEFAULTS);
            assertThat(left.status()).isEqualTo(Observation.Status.EXITED);
            assertThat(left.exitCode()).hasValue(3);
        }
    }

    /** No prlimit in front of the harness any more: the harness sets the sandbox's backstop limits. */
    @Test
    void learnerCodeRunsUnderTheSandboxBackstopLimits() throws IOException {
        Files.writeString(dir.resolve("limits.py"), """
                import os, resource

                def limits():
                    return [resource.getrlimit(resource.RLIMIT_NOFILE), resource.getrlimit(resource.RLIMIT_CORE),
                            os.environ.get("SPROUT_BACKSTOP_NPROC")]
                """);
        GraderSpec spec = SpecParser.parse(dir.resolve("grader.yaml"), "limits", """
                version: 1
                entry: limits.py
                tasks:
                  - name: Limits
                    cases:
                      - {name: limits, call: limits, args: [], expect: {value: 0}}
                """);
        Interpreter python = new InterpreterFinder(Optional.of("/usr/bin/python3"), System.getenv()).find(List.of());

        try (HarnessSession session = new HarnessSession(
                python,
                List.of(),
                Sandboxes.choose("auto"),
                new Submission(dir, "limits.py", List.of(), Limits.DEFAULTS))) {
            assertThat(session.load()).isEmpty();
            assertThat(valueOf(session.run(spec.cases().findFirst().orElseThrow(), Limits.DEFAULTS)))
                    .isEqualTo("[(1024, 4096), (0, 0), None]");
        }
    }

    private static String valueOf(Observation observation) {
        assertThat(observation.status()).as("%s", observation).isEqualTo(Observation.Status.RETURNED);
        return observation.value().orElseThrow().repr();
    }

    /** Runs the stand-in script instead of the real harness, unsandboxed: it runs no learner code. */
    private record StandInHarness(Interpreter python) implements Sandbox {
        @Override
        public Tier tier() {
            return Tier.NONE;
        }

        @Override
        public Optional<String> warning() {
            return Optional.empty();
        }

        @Override
        public SandboxedProcess start(SandboxRequest request) throws IOException {
            Process process = new ProcessBuilder(python.executable().toString(), "-I", "-c", OUT_OF_TURN).start();
            return new SandboxedProcess() {
                public OutputStream stdin() {
                    return process.getOutputStream();
                }

                public InputStream stdout() {
                    return process.getInputStream();
                }

                public InputStream stderr() {
                    return process.getErrorStream();
                }

                public boolean isAlive() {
                    return process.isAlive();
                }

                public Optional<Integer> waitFor(Duration timeout) throws InterruptedException {
                    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                            ? Optional.of(process.exitValue())
                            : Optional.empty();
                }

                public void close() {
                    process.destroyForcibly();
                }
            };
        }
    }
}
