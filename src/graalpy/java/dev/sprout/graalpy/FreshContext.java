package dev.sprout.graalpy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * A context made before its case is known, with the harness already loaded (from the code the
 * control context compiled once, marshalled: see case_boot.py): initialising a context and loading
 * the harness is most of a case's cost, so the worker makes the next one on another thread while
 * the current case runs. Everything case-specific
 * (stdin, output and file caps, the files in its folder) is set when the case arrives.
 */
final class FreshContext implements AutoCloseable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    final Path caseDir;
    final CaseInput stdin = new CaseInput();
    final BoundedOutput stdout;
    final BoundedOutput stderr;
    final CaseFileSystem files;
    final Context context;
    /** case_boot.py's prepare(request_json, source, entry, case_dir) */
    final Value prepare;

    private volatile boolean outputFull;
    /** Building the context, loading the harness into it, and the CPU time of both (nanoseconds). */
    private final long buildNanos;

    private final long bootNanos;
    private final long cpuNanos;

    FreshContext(Engine engine, Source boot, String caseCodes, List<Path> readable, Path scratch, int seq)
            throws IOException {
        caseDir = scratch.resolve("case-" + seq);
        CaseRun.deleteTree(caseDir);
        Files.createDirectories(caseDir);
        stdout = new BoundedOutput(() -> outputFull = true);
        stderr = new BoundedOutput(() -> outputFull = true);
        files = new CaseFileSystem(readable, List.of(caseDir));
        long c0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        context = Context.newBuilder("python")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .in(stdin)
                .out(stdout)
                .err(stderr)
                .allowIO(IOAccess.newBuilder().fileSystem(files).build())
                .currentWorkingDirectory(caseDir)
                .build();
        long t1 = System.nanoTime();
        buildNanos = t1 - t0;
        try {
            prepare = context.eval(boot).execute(caseCodes, scratch.toString());
            bootNanos = System.nanoTime() - t1;
            cpuNanos = THREADS.getCurrentThreadCpuTime() - c0;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** How this context was made, for the worker's timing lines (-Dsprout.graalpy.timing=true), in ms. */
    String timing() {
        return String.format(
                "ctx_build=%.1f ctx_boot=%.1f ctx_cpu=%.1f", buildNanos / 1e6, bootNanos / 1e6, cpuNanos / 1e6);
    }

    /** Sets what differs per case before any of the case's code runs. */
    void limit(byte[] input, long outputBytes, long fileBytes) {
        stdin.set(input);
        stdout.limit(outputBytes);
        stderr.limit(outputBytes);
        files.limitFileSize(fileBytes);
    }

    boolean outputFull() {
        return outputFull;
    }

    @Override
    public void close() {
        try {
            context.close(true);
        } catch (RuntimeException alreadyClosed) {
            // cancelled by the watchdog, or broken by an error already reported
        }
        CaseRun.deleteTree(caseDir);
    }

    /** stdin: the case's bytes once it arrives (input() at the end of them raises EOFError). */
    static final class CaseInput extends InputStream {
        private volatile InputStream bytes = InputStream.nullInputStream();

        void set(byte[] input) {
            bytes = new ByteArrayInputStream(input);
        }

        @Override
        public int read() throws IOException {
            return bytes.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return bytes.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return bytes.available();
        }
    }
}
