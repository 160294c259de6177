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

import dev.sprout.sandbox.BwrapSandbox.CommandLine;
import dev.sprout.sandbox.BwrapSandbox.Identity;
import dev.sprout.sandbox.BwrapSandbox.Tools;

/**
 * Builds one request's bwrap command line, one phase at a time, the way isolate sets up a box.
 * First the plan: which host paths the sandbox shows where (the learner's files and scratch dir,
 * the read-only paths, the interpreter, /etc), and, when the JVM is root, what user 65534 is
 * given or cannot reach and must be staged. Then the command line, whose layout is fixed:
 * <pre>
 *   [open the seccomp filter] [stage] [drop to nobody] bwrap NAMESPACES SECCOMP ENVIRONMENT
 *       SYSTEM-MOUNTS LEARNER-MOUNTS WORK-DIR -- [LIMITS] PROGRAM
 * </pre>
 * Used once, for one request.
 */
final class BwrapCommand {

    private static final long SHM_CAP = 16L << 20;
    /** The descriptor bwrap reads the seccomp program from; opened by a shell in front of everything. */
    private static final int FILTER_FD = 3;

    private static final String STAGE_SCRIPT =
            "m=$1; shift; while [ \"$1\" != -- ]; do \"$m\" --bind \"$1\" \"$2\" || exit 125; shift 2; done; "
                    + "shift; exec \"$@\"";
    private static final List<String> SYSTEM_DIRS = List.of("/usr", "/bin", "/sbin", "/lib", "/lib64");

    private final Tools tools;
    private final Identity identity;
    private final SandboxRequest request;

    private Path source;
    private Path scratch;
    /** destination -> host source; each map mounted at its own destination inside */
    private final Map<Path, Path> readOnly = new LinkedHashMap<>();

    private final Map<Path, Path> etc = new LinkedHashMap<>();
    private final Map<Path, Path> writable = new LinkedHashMap<>();
    /** the file the program's path finally names (/usr/bin/python3 -> /usr/bin/python3.11) */
    private Path executable;

    private Optional<Path> executeOnly = Optional.empty();
    private final List<String> stage = new ArrayList<>();
    private Optional<Path> stageDir = Optional.empty();

    BwrapCommand(Tools tools, Identity identity, SandboxRequest request) {
        this.tools = tools;
        this.identity = identity;
        this.request = request;
    }

    CommandLine build() throws IOException {
        checkRequest();
        readOnlyPaths();
        workDir();
        interpreter();
        systemFiles();
        if (identity == Identity.NOBODY) {
            grantNobody();
            stageWhatNobodyCannotReach();
        }
        // bwrap's pid 1 must not hold the JVM's pipes: see ChannelShim
        // (and the seccomp filter opened on fd 3 in the same shell: one process fewer per start)
        Optional<Path> filter = support().syscallFilter();
        List<String> argv = new ArrayList<>(
                filter.map(f -> ChannelShim.park(tools.sh(), f)).orElseGet(() -> ChannelShim.park(tools.sh())));
        argv.addAll(stage);
        argv.addAll(dropToNobody());
        argv.add(tools.bwrap().toString());
        argv.addAll(namespaces());
        argv.addAll(seccomp());
        argv.addAll(environment());
        argv.addAll(systemMounts());
        argv.addAll(systemFileMounts());
        argv.addAll(learnerMounts());
        argv.addAll(workDirOptions());
        argv.add("--");
        argv.addAll(ChannelShim.restore(tools.sh()));
        argv.addAll(limits());
        argv.addAll(request.command());
        return new CommandLine(List.copyOf(argv), stageDir);
    }

    // ---- the plan ----

    private void checkRequest() throws IOException {
        source = absolute(request.sourceDir(), "sourceDir");
        scratch = absolute(request.scratchDir(), "scratchDir");
        if (!Path.of(program()).isAbsolute()) {
            throw new IOException("the sandbox needs the program as an absolute path, got '" + program() + "'");
        }
        if (!Files.isDirectory(source)) {
            throw new IOException("the learner's files are not a directory: " + source);
        }
        if (source.equals(scratch) || scratch.equals(Path.of("/"))) {
            throw new IOException("the scratch dir must be its own directory, not " + scratch);
        }
    }

    /** The request's read-only paths (interpreter prefix, harness) at their own paths; /usr is there anyway. */
    private void readOnlyPaths() throws IOException {
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
        readOnly.keySet()
                .removeIf(dest ->
                        readOnly.keySet().stream().anyMatch(other -> !other.equals(dest) && dest.startsWith(other)));
    }

    /** The learner's files read-only; the scratch dir writable (a capped tmpfs when bwrap can cap one). */
    private void workDir() throws IOException {
        readOnly.put(source, source);
        if (!tools.sizeOption()) {
            // bwrap before 0.7 cannot cap a tmpfs: use the host scratch dir (disk, not memory)
            Files.createDirectories(scratch);
            writable.put(scratch, scratch);
        }
    }

    /** The program must exist inside; it runs from an execute-only copy (see {@link SupportFiles#executeOnlyCopy}). */
    private void interpreter() throws IOException {
        Path programPath = Path.of(program()).normalize();
        if (!visible(programPath)) {
            throw new IOException("the program " + program() + " would not exist inside the sandbox: "
                    + "add its installation directory to readOnlyPaths");
        }
        executable = programPath.toRealPath();
        if (visible(executable) && Files.isRegularFile(executable)) {
            executeOnly = Optional.of(support().executeOnlyCopy(executable));
        }
    }

    private void systemFiles() {
        for (String name : List.of("hosts", "passwd", "group")) {
            etc.put(Path.of("/etc", name), support().etc(name));
        }
    }

    private void grantNobody() throws IOException {
        NobodyAccess.openToOthers(source);
        for (Path dir : writable.values()) {
            NobodyAccess.giveToNobody(dir);
        }
    }

    /**
     * Paths nobody cannot walk to (a pyenv prefix under /root) are bind-mounted, as root, onto
     * points in a searchable staging directory, in a private mount namespace; bwrap then mounts
     * them from there.
     */
    private void stageWhatNobodyCannotReach() throws IOException {
        Map<Path, Path> staged = new LinkedHashMap<>();
        for (Map<Path, Path> binds : List.of(readOnly, etc, writable)) {
            for (Map.Entry<Path, Path> bind : binds.entrySet()) {
                switch (NobodyAccess.reach(bind.getValue())) {
                    case READABLE -> {}
                    case BLOCKED_ABOVE -> staged.put(bind.getKey(), bind.getValue());
                    case UNREADABLE ->
                        throw new IOException(bind.getValue() + " is not readable by other users, "
                                + "and learner code runs as user 65534 (nobody) when sprout runs as root: "
                                + "make it readable (chmod o+rX) or run sprout as an ordinary user");
                }
            }
        }
        if (staged.isEmpty()) {
            return;
        }
        if (tools.unshare().isEmpty() || tools.mount().isEmpty()) {
            throw new IOException("user 65534 (nobody) cannot reach " + staged.values()
                    + " and util-linux's unshare/mount are missing to stage them; "
                    + "move them under a directory others can enter, or run sprout as an ordinary user");
        }
        Path dir = support().newStageDir();
        stageDir = Optional.of(dir);
        stage.addAll(List.of(
                tools.unshare().get().toString(),
                "--mount",
                "--propagation",
                "private",
                "--",
                tools.sh().toString(),
                "-c",
                STAGE_SCRIPT,
                "sprout-stage",
                tools.mount().get().toString()));
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

    // ---- the command line, in its order ----

    /** After staging, which needs root: bwrap itself runs as the real uid/gid 65534. */
    private List<String> dropToNobody() {
        if (identity != Identity.NOBODY) {
            return List.of();
        }
        return List.of(
                tools.setpriv().orElseThrow().toString(),
                "--reuid=" + HostTools.NOBODY,
                "--regid=" + HostTools.NOBODY,
                "--clear-groups");
    }

    private List<String> namespaces() {
        List<String> args = new ArrayList<>(List.of("--unshare-all", "--unshare-user"));
        if (tools.disableUsernsOption()) {
            args.add("--disable-userns");
        }
        args.addAll(List.of(
                "--uid",
                Integer.toString(HostTools.NOBODY),
                "--gid",
                Integer.toString(HostTools.NOBODY),
                "--hostname",
                "sprout",
                "--die-with-parent",
                "--new-session",
                "--clearenv"));
        return args;
    }

    private List<String> seccomp() {
        return support().syscallFilter().isPresent() ? List.of("--seccomp", Integer.toString(FILTER_FD)) : List.of();
    }

    /** Exactly the request's environment, plus the backstop for a program that sets its own limits. */
    private List<String> environment() {
        Map<String, String> environment = new TreeMap<>(request.environment());
        if (request.setsOwnBackstop()) {
            environment.put(SandboxRequest.BACKSTOP_NPROC, Integer.toString(request.backstopProcesses()));
        }
        List<String> args = new ArrayList<>();
        environment.forEach((key, value) -> args.addAll(List.of("--setenv", key, value)));
        return args;
    }

    /** /usr read-only, and /bin, /lib… as the host has them: symlinks into /usr, or directories. */
    static List<String> systemMounts() {
        List<String> args = new ArrayList<>(List.of("--ro-bind", "/usr", "/usr"));
        for (String name : List.of("bin", "sbin", "lib", "lib64", "lib32", "libx32")) {
            Path path = Path.of("/", name);
            try {
                if (Files.isSymbolicLink(path)) {
                    args.addAll(
                            List.of("--symlink", Files.readSymbolicLink(path).toString(), path.toString()));
                } else if (Files.isDirectory(path)) {
                    args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
                }
            } catch (IOException unreadable) {
                // leave it out: the interpreter will say what it misses
            }
        }
        return args;
    }

    /** /proc, /dev, a capped /dev/shm, sprout's own tiny /etc files and the host's loader cache. */
    private List<String> systemFileMounts() {
        List<String> args = new ArrayList<>(List.of("--proc", "/proc", "--dev", "/dev"));
        if (tools.sizeOption()) {
            args.addAll(List.of(
                    "--size",
                    Long.toString(Math.min(SHM_CAP, request.limits().scratchBytes())),
                    "--tmpfs",
                    "/dev/shm",
                    "--setenv",
                    SandboxRequest.PRIVATE_DIRS,
                    "/dev/shm"));
        }
        etc.forEach((dest, from) -> args.addAll(List.of("--ro-bind", from.toString(), dest.toString())));
        args.addAll(List.of("--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"));
        return args;
    }

    /** Read-only paths, learner files, scratch and the execute-only program, shallowest first so a parent is mounted before its child. */
    private List<String> learnerMounts() {
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
            mounts.add(
                    List.of("--size", Long.toString(request.limits().scratchBytes()), "--tmpfs", scratch.toString()));
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
        // a stable sort: mounts of equal depth keep the order above
        order.sort(Comparator.comparingInt(i -> depths.get(i).getNameCount()));
        List<String> args = new ArrayList<>();
        order.forEach(i -> args.addAll(mounts.get(i)));
        return args;
    }

    /** Start in scratch; then nothing but scratch (and /dev/shm) stays writable. */
    private List<String> workDirOptions() {
        return List.of(
                "--chdir", scratch.toString(), "--remount-ro", "/dev", "--remount-ro", "/", "--remount-ro", "/proc");
    }

    /** A backstop for the whole sandbox, unless the program sets it itself; the harness sets tighter limits per case. */
    private List<String> limits() {
        if (request.setsOwnBackstop() || tools.prlimit().isEmpty()) {
            return List.of();
        }
        return List.of(
                tools.prlimit().get().toString(),
                "--nproc=" + request.backstopProcesses(),
                "--nofile=1024:4096",
                "--core=0",
                "--");
    }

    // ---- helpers ----

    private static SupportFiles support() {
        return SupportFiles.get();
    }

    private String program() {
        return request.command().isEmpty() ? "" : request.command().get(0);
    }

    private boolean visible(Path path) {
        return readOnly.keySet().stream().anyMatch(path::startsWith)
                || SYSTEM_DIRS.stream().anyMatch(path::startsWith);
    }

    private static Path absolute(Path path, String what) throws IOException {
        if (!path.isAbsolute()) {
            throw new IOException("the sandbox needs an absolute " + what + ", got " + path);
        }
        return path.normalize();
    }
}
