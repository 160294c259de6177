package dev.sprout.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.io.FileUtils;

import dev.sprout.process.CurrentUser;
import dev.sprout.process.HostCommand;
import dev.sprout.process.HostRun;

/**
 * The machine's PostgreSQL programs and the cluster template sprout copies for each submission
 * (docs/grader-spec.md, "PostgreSQL"). The template is made once per machine, user and PostgreSQL
 * version by {@code initdb} on the host (trusted: no learner input reaches it), under the user's
 * cache folder; every submission's server starts from a copy of it, inside the sandbox.
 *
 * @param bin     the folder of {@code postgres} and {@code initdb}
 * @param version PostgreSQL's version, e.g. {@code 15.18}
 */
public record PostgresInstall(Path bin, String version) {

    /** Where Debian and Ubuntu install the server, one folder per major version. */
    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+([0-9][0-9A-Za-z.]*)");
    private static final int NOBODY = 65534;
    // installs found, by bin folder; a folder without one is looked at again next time (cheap: two
    // file checks), so a long-lived JVM (watch, the warm server) sees PostgreSQL installed later
    private static final Map<Path, PostgresInstall> FOUND = new ConcurrentHashMap<>();
    private static final Object TEMPLATE_LOCK = new Object();

    /**
     * The install to use: the folder {@code SPROUT_POSTGRESQL} names (only that one), else the newest
     * under /usr/lib/postgresql, else one on PATH; empty when none.
     */
    public static Optional<PostgresInstall> find(Map<String, String> environment) {
        String chosen = environment.getOrDefault("SPROUT_POSTGRESQL", "");
        if (!chosen.isBlank()) {
            return find(List.of(Path.of(chosen)));
        }
        List<Path> candidates = new ArrayList<>(debianBins(DEBIAN_ROOT));
        for (String dir : environment.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir));
            }
        }
        return find(candidates);
    }

    /** The first of {@code bins} holding {@code postgres} and {@code initdb} that says its version. */
    static Optional<PostgresInstall> find(List<Path> bins) {
        for (Path bin : bins) {
            Path key = bin.toAbsolutePath();
            PostgresInstall known = FOUND.get(key);
            if (known != null && Files.isExecutable(known.bin().resolve("postgres"))) {
                return Optional.of(known);
            }
            Optional<PostgresInstall> found = probe(key);
            if (found.isPresent()) {
                FOUND.put(key, found.get());
                return found;
            }
            FOUND.remove(key);
        }
        return Optional.empty();
    }

    /** /usr/lib/postgresql/NN/bin, newest major version first. */
    static List<Path> debianBins(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> v.getFileName().toString().matches("[0-9]+(\\.[0-9]+)?"))
                    .sorted(Comparator.comparingDouble((Path v) ->
                                    Double.parseDouble(v.getFileName().toString()))
                            .reversed())
                    .map(v -> v.resolve("bin"))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<PostgresInstall> probe(Path bin) {
        Path postgres = bin.resolve("postgres");
        if (!Files.isExecutable(postgres) || !Files.isExecutable(bin.resolve("initdb"))) {
            return Optional.empty();
        }
        HostRun run = HostCommand.of(postgres.toString(), "--version")
                .environment(Map.of("LC_ALL", "C"))
                .mergeStderr()
                .outputCap(4096)
                .timeout(Duration.ofSeconds(10))
                .run();
        Matcher m = VERSION.matcher(run.stdout());
        if (!run.ok() || !m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PostgresInstall(bin.toRealPath(), m.group(1)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The folders a sandbox must show for this install's programs (none when under /usr, shown anyway). */
    List<Path> installFolders() {
        Path prefix = bin.getParent() == null ? bin : bin.getParent();
        return prefix.startsWith("/usr") ? List.of() : List.of(prefix);
    }

    /**
     * The cached template for this version, made now if it is missing (about 2 seconds, once).
     * Everyone may read it (it holds no secret: a fresh cluster), so the sandbox's user can copy it.
     *
     * @param cacheRoot the user's cache folder for sprout, e.g. ~/.cache/sprout
     */
    Path template(Path cacheRoot) {
        Path dir = cacheRoot.resolve("postgresql-" + version.replaceAll("[^0-9A-Za-z.]", "_"));
        Path template = dir.resolve("template");
        if (Files.isRegularFile(template.resolve("PG_VERSION"))) {
            return template;
        }
        synchronized (TEMPLATE_LOCK) {
            try {
                Files.createDirectories(dir);
                try (FileChannel channel = FileChannel.open(
                                dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    if (!Files.isRegularFile(template.resolve("PG_VERSION"))) {
                        Path work = Files.createTempDirectory(dir, "initdb-");
                        try {
                            Path made = work.resolve("data");
                            initdb(made);
                            readableByAll(made);
                            Files.move(made, template, StandardCopyOption.ATOMIC_MOVE);
                        } finally {
                            FileUtils.deleteQuietly(work.toFile());
                        }
                    }
                }
                openPath(dir);
                return template;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The template's default home: $XDG_CACHE_HOME/sprout, else ~/.cache/sprout, else a folder of the user's in /tmp. */
    public static Path cacheRoot(Map<String, String> environment) {
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "sprout");
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home", ""));
        if (!home.isBlank() && Path.of(home).isAbsolute() && Files.isDirectory(Path.of(home))) {
            return Path.of(home, ".cache", "sprout");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "sprout-cache-" + System.getProperty("user.name"));
    }

    /**
     * Runs initdb to make {@code data}. PostgreSQL refuses to run as root, and initdb wants its user
     * in /etc/passwd (GitHub's uid 1001 has one, a container's random uid may not): so it runs as
     * user 65534 of a user namespace of its own, with a passwd file that names it (bubblewrap, files
     * owned by the caller outside). Without bubblewrap: as root through setpriv as 65534, otherwise as is.
     */
    private void initdb(Path data) throws IOException {
        List<String> initdb = List.of(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                "sprout",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
                "--wal-segsize=1");
        Path work = data.getParent();
        String first = "";
        Optional<Path> bwrap = executable("bwrap");
        if (bwrap.isPresent()) {
            Path passwd = Files.writeString(
                    work.resolve("passwd"), "sprout:x:" + NOBODY + ":" + NOBODY + ":sprout:/nonexistent:/bin/false\n");
            List<String> argv = new ArrayList<>(List.of(
                    bwrap.get().toString(),
                    "--unshare-user",
                    "--uid",
                    Integer.toString(NOBODY),
                    "--gid",
                    Integer.toString(NOBODY),
                    "--ro-bind",
                    "/",
                    "/",
                    "--dev",
                    "/dev",
                    "--proc",
                    "/proc",
                    "--bind",
                    work.toString(),
                    work.toString(),
                    "--ro-bind",
                    passwd.toString(),
                    "/etc/passwd",
                    "--die-with-parent",
                    "--"));
            argv.addAll(initdb);
            HostRun run = run(argv, work);
            if (run.ok()) {
                return;
            }
            first = run.diagnosis() + "\n";
            FileUtils.deleteQuietly(data.toFile());
        }
        boolean root = CurrentUser.uidOrUnknown() == 0;
        Path own = root ? Files.createTempDirectory("sprout-initdb-") : null;
        try {
            List<String> argv = new ArrayList<>();
            Path made = data;
            if (root) {
                Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.setAttribute(own, "unix:uid", NOBODY);
                Files.setAttribute(own, "unix:gid", NOBODY);
                made = own.resolve("data");
                Path setpriv = executable("setpriv")
                        .orElseThrow(
                                () -> new IOException(
                                        "PostgreSQL does not run as root, and setpriv (util-linux) is missing to run"
                                                + " initdb as another user: install util-linux, or run sprout as an ordinary user"));
                argv.addAll(List.of(setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
            }
            argv.addAll(initdb);
            if (root) {
                argv.set(argv.indexOf(data.toString()), made.toString());
            }
            HostRun run = run(argv, root ? own : work);
            if (!run.ok()) {
                throw new IOException("initdb could not make PostgreSQL's template: " + first + run.diagnosis());
            }
            if (root) {
                FileUtils.copyDirectory(made.toFile(), data.toFile());
            }
        } finally {
            if (own != null) {
                FileUtils.deleteQuietly(own.toFile());
            }
        }
    }

    private static HostRun run(List<String> argv, Path dir) {
        return HostCommand.of(argv)
                .dir(dir)
                .environment(Map.of("LC_ALL", "C", "PATH", "/usr/bin:/bin"))
                .mergeStderr()
                .outputCap(64 * 1024)
                .timeout(Duration.ofSeconds(120))
                .run();
    }

    private static Optional<Path> executable(String name) {
        return Stream.of("/usr/bin/", "/bin/")
                .map(dir -> Path.of(dir + name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static void readableByAll(Path tree) throws IOException {
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path p : all.toList()) {
                Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
                perms.addAll(List.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
                if (Files.isDirectory(p)) {
                    perms.addAll(List.of(PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
                }
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    /** Others may walk to the template (the sandbox's user is another user when sprout is root). */
    private static void openPath(Path dir) {
        try {
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(dir));
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
            perms.add(PosixFilePermission.OTHERS_READ);
            Files.setPosixFilePermissions(dir, perms);
        } catch (IOException | UnsupportedOperationException e) {
            // the sandbox stages what its user cannot reach; it says so if that fails
        }
    }
}
