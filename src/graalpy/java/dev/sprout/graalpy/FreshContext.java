package dev.sprout.graalpy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * A context made before its case is known, with harness.py already loaded: initialising a
 * context and loading the harness is most of a case's cost (≈50 ms interpreted), so the worker
 * makes the next one on another thread while the current case runs. Everything case-specific
 * (stdin, output and file caps, the files in its folder) is set when the case arrives.
 */
final class FreshContext implements AutoCloseable {

    final Path caseDir;
    final CaseInput stdin = new CaseInput();
    final BoundedOutput stdout;
    final BoundedOutput stderr;
    final CaseFileSystem files;
    final Context context;
    /** case_boot.py's prepare(request_json, source, entry, case_dir) */
    final Value prepare;

    private volatile boolean outputFull;

    FreshContext(Engine engine, Source boot, String harnessText, List<Path> readable, Path scratch, int seq)
            throws IOException {
        caseDir = scratch.resolve("case-" + seq);
        CaseRun.deleteTree(caseDir);
        Files.createDirectories(caseDir);
        stdout = new BoundedOutput(() -> outputFull = true);
        stderr = new BoundedOutput(() -> outputFull = true);
        files = new CaseFileSystem(readable, List.of(caseDir));
        context = Context.newBuilder("python")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .in(stdin)
                .out(stdout)
                .err(stderr)
                .allowIO(IOAccess.newBuilder().fileSystem(files).build())
                .currentWorkingDirectory(caseDir)
                .build();
        try {
            prepare = context.eval(boot).execute(harnessText, scratch.toString());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
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
