package dev.sprout.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tier A: bubblewrap. New user, pid, network, ipc, uts and cgroup namespaces; the host's /usr
 * and the request's paths read-only at their own paths; a size-capped tmpfs as the only
 * writable place; no network but loopback; a new session (no TIOCSTI into the terminal);
 * everything dies with the JVM. The root filesystem and /dev are remounted read-only so no
 * uncapped tmpfs is left writable. Learner code runs as the same user as the harness that
 * forked it, so two more walls keep it out of the harness (and off the harness's channel to the
 * JVM): the program runs from an execute-only copy ({@link SupportFiles#executeOnlyCopy}), which
 * makes it and its forks non-dumpable, so no process of the same user may trace it or open its
 * /proc/PID/fd, mem or environ; a {@link SyscallFilter} denies ptrace, process_vm_readv/writev
 * and pidfd_getfd outright; and /proc is remounted read-only.
 *
 * <p>When the JVM runs as root, bwrap itself is started as uid/gid 65534 through {@code setpriv}
 * ({@link Identity#NOBODY}). Merely mapping uid 65534 inside a namespace that root creates
 * ({@link Identity#MAPPED_NOBODY}, bwrap's {@code --uid}) keeps the kernel uid 0 outside, and the
 * kernel never applies RLIMIT_NPROC to uid 0: a fork bomb would be unbounded. Paths the real
 * nobody cannot walk to (a pyenv prefix under /root) are bind-mounted first, as root, into a
 * searchable staging directory inside a private mount namespace.
 */
final class BwrapSandbox implements Sandbox {

    /** Who learner code is, seen from outside the sandbox. */
    enum Identity {
        /** the JVM is not root: bwrap runs as the JVM's user, which appears as 65534 inside */
        CALLER,
        /** the JVM is root: bwrap runs as the real uid/gid 65534 */
        NOBODY,
        /** the JVM is root and cannot drop: uid 65534 inside, kernel uid 0 outside, NPROC unenforced */
        MAPPED_NOBODY
    }

    /** Host programs this tier uses, and what the installed bwrap supports. */
    record Tools(
            Path bwrap,
            Path sh,
            Optional<Path> setpriv,
            Optional<Path> unshare,
            Optional<Path> mount,
            Optional<Path> prlimit,
            boolean sizeOption,
            boolean disableUsernsOption) {

        static Optional<Tools> locate() {
            Optional<Path> bwrap = HostTools.find("bwrap");
            Optional<Path> sh = HostTools.find("sh");
            if (bwrap.isEmpty() || sh.isEmpty()) {
                return Optional.empty();
            }
            String help = HostTools.helpText(bwrap.get());
            // prlimit runs inside the sandbox, where only /usr (and its /bin symlinks) exist
            Optional<Path> prlimit =
                    HostTools.find("prlimit").filter(p -> p.startsWith("/usr") || p.startsWith("/bin"));
            return Optional.of(new Tools(
                    bwrap.get(),
                    sh.get(),
                    HostTools.find("setpriv"),
                    HostTools.find("unshare"),
                    HostTools.find("mount"),
                    prlimit,
                    help.contains("--size"),
                    help.contains("--disable-userns")));
        }
    }

    /** The command line for one request, and the staging directory to delete afterwards. */
    record CommandLine(List<String> argv, Optional<Path> stageDir) {}

    private final Tools tools;
    private final Identity identity;

    BwrapSandbox(Tools tools, Identity identity) {
        this.tools = tools;
        this.identity = identity;
    }

    Identity identity() {
        return identity;
    }

    Tools tools() {
        return tools;
    }

    @Override
    public Tier tier() {
        return Tier.BWRAP;
    }

    @Override
    public Optional<String> warning() {
        return Optional.empty();
    }

    @Override
    public SandboxedProcess start(SandboxRequest request) throws IOException {
        CommandLine line = commandLine(request);
        Runnable cleanup = () -> line.stageDir().ifPresent(SupportFiles::deleteTree);
        // the host-side working directory is irrelevant (bwrap --chdir sets the real one) but must exist
        return HostProcess.start(line.argv(), Map.of(), Path.of("/"), HostProcess.Containment.PID_NAMESPACE, cleanup);
    }

    CommandLine commandLine(SandboxRequest request) throws IOException {
        return new BwrapCommand(tools, identity, request).build();
    }
}
