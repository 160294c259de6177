package dev.sprout.runner;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.sprout.sandbox.Tier;
import dev.sprout.spec.GraderSpec;
import dev.sprout.spec.SpecParser;

/** The Java side of the channel, against a stand-in harness that misbehaves on purpose. */
class HarnessSessionTest {

    /** Answers hello and load properly, then replies to every case with another case's id. */
    private static final String OUT_OF_TURN = String.join("\n",
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

        try (HarnessSession session = new HarnessSession(python, List.of(), fake,
                new Submission(dir, "adder.py", List.of(), Limits.DEFAULTS))) {
            assertThat(session.load()).isEmpty();
            Observation observed = session.run(spec.cases().findFirst().orElseThrow(), Limits.DEFAULTS);

            assertThat(observed.status()).isEqualTo(Observation.Status.HARNESS_ERROR);
            assertThat(observed.value()).isEmpty();
            assertThat(observed.exception().orElseThrow().message()).contains("out of turn");
        }
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
                            ? Optional.of(process.exitValue()) : Optional.empty();
                }

                public void close() {
                    process.destroyForcibly();
                }
            };
        }
    }

}
