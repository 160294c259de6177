package dev.sprout.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
    record Tools(Path bwrap, Path sh, Optional<Path> setpriv, Optional<Path> unshare, Optional<Path> mount,
                 Optional<Path> prlimit, boolean sizeOption, boolean disableUsernsOption) {

        static Optional<Tools> locate() {
            Optional<Path> bwrap = HostTools.find("bwrap");
            Optional<Path> sh = HostTools.find("sh");
            if (bwrap.isEmpty() || sh.isEmpty()) {
                return Optional.empty();
            }
            String help = helpText(bwrap.get());
            // prlimit runs inside the sandbox, where only /usr (and its /bin symlinks) exist
            Optional<Path> prlimit = HostTools.find("prlimit")
                    .filter(p -> p.startsWith("/usr") || p.startsWith("/bin"));
            return Optional.of(new Tools(bwrap.get(), sh.get(), HostTools.find("setpriv"),
                    HostTools.find("unshare"), HostTools.find("mount"), prlimit,
                    help.contains("--size"), help.contains("--disable-userns")));
        }

        private static String helpText(Path bwrap) {
            try {
                Process help = new ProcessBuilder(bwrap.toString(), "--help").redirectErrorStream(true).start();
                byte[] text = help.getInputStream().readNBytes(64 * 1024);
                help.waitFor();
                return new String(text, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
    }

    /** The command line for one request, and the staging directory to delete afterwards. */
    record CommandLine(List<String> argv, Optional<Path> stageDir) {
    }

    private static final long SHM_CAP = 16L << 20;
    /** The descriptor bwrap reads the seccomp program from; opened by a shell in front of everything. */
    private static final int FILTER_FD = 3;
    private static final String FILTER_SCRIPT = "exec 3<\"$1\" || exit 125; shift; exec \"$@\"";
    private static final String STAGE_SCRIPT =
            "m=$1; shift; while [ \"$1\" != -- ]; do \"$m\" --bind \"$1\" \"$2\" || exit 125; shift 2; done; "
                    + "shift; exec \"$@\"";

    private final Tools tools;
    private final Identity identity;

    BwrapSandbox(Tools tools, Identity identity) {
        this.tools = tools;
        this.identity = identity;
    }

    Identity identity() {
        return identity;
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
        Path source = absolute(request.sourceDir(), "sourceDir");
        Path scratch = absolute(request.scratchDir(), "scratchDir");
        String program = request.command().isEmpty() ? "" : request.command().get(0);
        if (!Path.of(program).isAbsolute()) {
            throw new IOException("the sandbox needs the program as an absolute path, got '" + program + "'");
        }
        if (!Files.isDirectory(source)) {
            throw new IOException("the learner's files are not a directory: " + source);
        }
        if (source.equals(scratch) || scratch.equals(Path.of("/"))) {
            throw new IOException("the scratch dir must be its own directory, not " + scratch);
        }

        // destination -> source, read-only; sorted by depth so a parent is mounted before its child
        Map<Path, Path> readOnly = new LinkedHashMap<>();
        for (Path path : request.readOnlyPaths()) {
            Path dest = absolute(path, "readOnlyPaths entry");
            if (dest.getNameCount() == 0) {
                throw new IOException("refusing to expose the whole file system to learner code");
            }
            if (!Files.exists(dest)) {
                throw new IOException("a path the sandbox must show does not exist: " + dest);
            }
            if (!dest.startsWith("/usr")) {
                readOnly.put(dest, dest);
            }
        }
        // a path inside another read-only path is already visible: one mount (and one staging) fewer
        readOnly.keySet().removeIf(dest -> readOnly.keySet().stream()
                .anyMatch(other -> !other.equals(dest) && dest.startsWith(other)));
        readOnly.put(source, source);
        Path programPath = Path.of(program).normalize();
        boolean visible = readOnly.keySet().stream().anyMatch(programPath::startsWith)
                || List.of("/usr", "/bin", "/sbin", "/lib", "/lib64").stream().anyMatch(programPath::startsWith);
        if (!visible) {
            throw new IOException("the program " + program + " would not exist inside the sandbox: "
                    + "add its installation directory to readOnlyPaths");
        }
        SupportFiles support = SupportFiles.get();
        // the file the program's path finally names (/usr/bin/python3 -> /usr/bin/python3.11), at the same path inside
        Path executable = programPath.toRealPath();
        boolean executableVisible = readOnly.keySet().stream().anyMatch(executable::startsWith)
                || List.of("/usr", "/bin", "/sbin", "/lib", "/lib64").stream().anyMatch(executable::startsWith);
        Optional<Path> executeOnly = executableVisible && Files.isRegularFile(executable)
                ? Optional.of(support.executeOnlyCopy(executable)) : Optional.empty();
        Map<Path, Path> etc = new LinkedHashMap<>();
        for (String name : List.of("hosts", "passwd", "group")) {
            etc.put(Path.of("/etc", name), support.etc(name));
        }
        Map<Path, Path> writable = new LinkedHashMap<>();
        if (!tools.sizeOption()) {
            // bwrap before 0.7 cannot cap a tmpfs: use the host scratch dir (disk, not memory)
            Files.createDirectories(scratch);
            writable.put(scratch, scratch);
        }

        if (identity == Identity.NOBODY) {
            NobodyAccess.openToOthers(source);
            for (Path dir : writable.values()) {
                NobodyAccess.giveToNobody(dir);
            }
        }
        List<String> stage = new ArrayList<>();
        Optional<Path> stageDir = Optional.empty();
        if (identity == Identity.NOBODY) {
            Map<Path, Path> staged = new LinkedHashMap<>();
            for (Map<Path, Path> binds : List.of(readOnly, etc, writable)) {
                for (Map.Entry<Path, Path> bind : binds.entrySet()) {
                    switch (NobodyAccess.reach(bind.getValue())) {
                        case READABLE -> { }
                        case BLOCKED_ABOVE -> staged.put(bind.getKey(), bind.getValue());
                        case UNREADABLE -> throw new IOException(bind.getValue() + " is not readable by other users, "
                                + "and learner code runs as user 65534 (nobody) when sprout runs as root: "
                                + "make it readable (chmod o+rX) or run sprout as an ordinary user");
                    }
                }
            }
            if (!staged.isEmpty()) {
                if (tools.unshare().isEmpty() || tools.mount().isEmpty()) {
                    throw new IOException("user 65534 (nobody) cannot reach " + staged.values()
                            + " and util-linux's unshare/mount are missing to stage them; "
                            + "move them under a directory others can enter, or run sprout as an ordinary user");
                }
                Path dir = SupportFiles.get().newStageDir();
                stageDir = Optional.of(dir);
                stage.addAll(List.of(tools.unshare().get().toString(), "--mount", "--propagation", "private", "--",
                        tools.sh().toString(), "-c", STAGE_SCRIPT, "sprout-stage", tools.mount().get().toString()));
                int index = 0;
                for (Map.Entry<Path, Path> bind : staged.entrySet()) {
                    Path point = dir.resolve(Integer.toString(index++));
                    if (Files.isDirectory(bind.getValue())) {
                        Files.createDirectory(point);
                    } else {
                        Files.createFile(point);
                    }
                    stage.add(bind.getValue().toString());
                    stage.add(point.toString());
                    for (Map<Path, Path> binds : List.of(readOnly, etc, writable)) {
                        binds.replace(bind.getKey(), point);
                    }
                }
                stage.add("--");
            }
        }

        Optional<Path> filter = support.syscallFilter();
        // bwrap's pid 1 must not hold the JVM's pipes: see ChannelShim
        List<String> argv = new ArrayList<>(ChannelShim.park(tools.sh()));
        filter.ifPresent(file -> argv.addAll(List.of(tools.sh().toString(), "-c", FILTER_SCRIPT, "sprout-seccomp",
                file.toString())));
        argv.addAll(stage);
        if (identity == Identity.NOBODY) {
            argv.addAll(List.of(tools.setpriv().orElseThrow().toString(), "--reuid=" + HostTools.NOBODY,
                    "--regid=" + HostTools.NOBODY, "--clear-groups"));
        }
        argv.add(tools.bwrap().toString());
        argv.addAll(List.of("--unshare-all", "--unshare-user"));
        if (tools.disableUsernsOption()) {
            argv.add("--disable-userns");
        }
        argv.addAll(List.of("--uid", Integer.toString(HostTools.NOBODY), "--gid", Integer.toString(HostTools.NOBODY),
                "--hostname", "sprout", "--die-with-parent", "--new-session", "--clearenv"));
        filter.ifPresent(file -> argv.addAll(List.of("--seccomp", Integer.toString(FILTER_FD))));
        Map<String, String> environment = new TreeMap<>(request.environment());

        if (request.setsOwnBackstop()) {
            environment.put(SandboxRequest.BACKSTOP_NPROC, Integer.toString(request.backstopProcesses()));
        }
        environment.forEach((key, value) -> argv.addAll(List.of("--setenv", key, value)));
        argv.addAll(systemMounts());
        argv.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        if (tools.sizeOption()) {
            argv.addAll(List.of("--size", Long.toString(Math.min(SHM_CAP, request.limits().scratchBytes())),
                    "--tmpfs", "/dev/shm", "--setenv", SandboxRequest.PRIVATE_DIRS, "/dev/shm"));
        }
        etc.forEach((dest, from) -> argv.addAll(List.of("--ro-bind", from.toString(), dest.toString())));
        argv.addAll(List.of("--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"));

        List<List<String>> mounts = new ArrayList<>();
        List<Path> depths = new ArrayList<>();
        readOnly.forEach((dest, from) -> {
            mounts.add(List.of("--ro-bind", from.toString(), dest.toString()));
            depths.add(dest);
        });
        writable.forEach((dest, from) -> {
            mounts.add(List.of("--bind", from.toString(), dest.toString()));
            depths.add(dest);
        });
        if (tools.sizeOption()) {
            mounts.add(List.of("--size", Long.toString(request.limits().scratchBytes()), "--tmpfs", scratch.toString()));
            depths.add(scratch);
        }
        executeOnly.ifPresent(copy -> {
            mounts.add(List.of("--ro-bind", copy.toString(), executable.toString()));
            depths.add(executable);
        });
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < mounts.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> depths.get(i).getNameCount()));
        order.forEach(i -> argv.addAll(mounts.get(i)));

        argv.addAll(List.of("--chdir", scratch.toString(), "--remount-ro", "/dev", "--remount-ro", "/",
                "--remount-ro", "/proc", "--"));
        argv.addAll(ChannelShim.restore(tools.sh()));
        if (!request.setsOwnBackstop() && tools.prlimit().isPresent()) {
            argv.addAll(List.of(tools.prlimit().get().toString(),
                    // a backstop for the whole sandbox; the harness sets tighter limits per case
                    "--nproc=" + request.backstopProcesses(), "--nofile=1024:4096", "--core=0", "--"));
        }
        argv.addAll(request.command());
        return new CommandLine(List.copyOf(argv), stageDir);
    }

    /** /usr read-only, and /bin, /lib… as the host has them: symlinks into /usr, or directories. */
    private static List<String> systemMounts() {
        List<String> args = new ArrayList<>(List.of("--ro-bind", "/usr", "/usr"));
        for (String name : List.of("bin", "sbin", "lib", "lib64", "lib32", "libx32")) {
            Path path = Path.of("/", name);
            try {
                if (Files.isSymbolicLink(path)) {
                    args.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), path.toString()));
                } else if (Files.isDirectory(path)) {
                    args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
                }
            } catch (IOException unreadable) {
                // leave it out: the interpreter will say what it misses
            }
        }
        return args;
    }

    private static Path absolute(Path path, String what) throws IOException {
        if (!path.isAbsolute()) {
            throw new IOException("the sandbox needs an absolute " + what + ", got " + path);
        }
        return path.normalize();
    }
}
