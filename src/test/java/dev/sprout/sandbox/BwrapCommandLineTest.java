package dev.sprout.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the whole bwrap command line, argument by argument, for representative requests: the
 * order of mounts and options is part of the sandbox's meaning. Nothing is started; the tool
 * paths are made up. Host-specific parts (the temp dir, the support files, /bin and /lib as this
 * host links them, python3's real file) are replaced by names before comparing.
 */
class BwrapCommandLineTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final BwrapSandbox.Tools ALL_TOOLS = new BwrapSandbox.Tools(
            Path.of("/opt/t/bwrap"),
            Path.of("/opt/t/sh"),
            Optional.of(Path.of("/opt/t/setpriv")),
            Optional.of(Path.of("/opt/t/unshare")),
            Optional.of(Path.of("/opt/t/mount")),
            Optional.of(Path.of("/usr/t/prlimit")),
            true,
            true);
    private static final BwrapSandbox.Tools OLD_BWRAP = new BwrapSandbox.Tools(
            Path.of("/opt/t/bwrap"),
            Path.of("/opt/t/sh"),
            Optional.of(Path.of("/opt/t/setpriv")),
            Optional.of(Path.of("/opt/t/unshare")),
            Optional.of(Path.of("/opt/t/mount")),
            Optional.empty(),
            false,
            false);

    @TempDir
    Path tmp;

    private Path source;
    private Path scratch;
    private Path library;

    @BeforeAll
    static void onLinuxWithASyscallFilter() {
        assumeTrue(HostTools.isLinux() && Files.isExecutable(PYTHON), "needs Linux and /usr/bin/python3");
        assumeTrue(SupportFiles.get().syscallFilter().isPresent(), "no seccomp filter for this architecture");
    }

    @BeforeEach
    void dirs() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        source = Files.createDirectories(tmp.resolve("work/src"));
        scratch = tmp.resolve("work/scratch");
        library = Files.createDirectories(tmp.resolve("lib/site"));
        Files.createDirectories(tmp.resolve("lib/site/inner"));
    }

    private SandboxRequest request(boolean setsOwnBackstop) {
        return new SandboxRequest(
                List.of(PYTHON.toString(), "-I", "harness.py"),
                source,
                scratch,
                List.of(library, library.resolve("inner"), Path.of("/usr/lib/python3")),
                Map.of("TMPDIR", scratch.toString(), "A", "1"),
                Limits.DEFAULTS.withProcesses(70).withScratchBytes(8L << 20),
                setsOwnBackstop);
    }

    private String render(BwrapSandbox.CommandLine line) throws Exception {
        String text = String.join("\n", line.argv());
        text = text.replace(String.join("\n", BwrapCommand.systemMounts()), "<system mounts>");
        Path support = SupportFiles.get().etc("hosts").getParent().getParent();
        Path real = PYTHON.toRealPath();
        text = text.replaceAll(Pattern.quote(support.toString()) + "/exec/program[^/]*/", "<support>/exec/");
        if (line.stageDir().isPresent()) {
            text = text.replace(line.stageDir().get().toString(), "<stage>");
        }
        return text.replace(support.toString(), "<support>")
                .replace(tmp.toString(), "<tmp>")
                .replace(real.toString(), "<python>")
                .replace(real.getFileName().toString(), "<python-file>");
    }

    @Test
    void anOrdinaryUsersCommandLine() throws Exception {
        BwrapSandbox.CommandLine line =
                new BwrapSandbox(ALL_TOOLS, BwrapSandbox.Identity.CALLER).commandLine(request(false));

        assertThat(line.stageDir()).isEmpty();
        assertThat(render(line))
                .isEqualTo(String.join(
                        "\n",
                        "/opt/t/sh",
                        "-c",
                        "exec 3<\"$1\" || exit 125; exec 4<&0 5>&1 </dev/null >/dev/null; shift; exec \"$@\"",
                        "sprout-seccomp",
                        "<support>/seccomp.bpf",
                        "/opt/t/bwrap",
                        "--unshare-all",
                        "--unshare-user",
                        "--disable-userns",
                        "--uid",
                        "65534",
                        "--gid",
                        "65534",
                        "--hostname",
                        "sprout",
                        "--die-with-parent",
                        "--new-session",
                        "--clearenv",
                        "--seccomp",
                        "3",
                        "--setenv",
                        "A",
                        "1",
                        "--setenv",
                        "TMPDIR",
                        "<tmp>/work/scratch",
                        "<system mounts>",
                        "--proc",
                        "/proc",
                        "--dev",
                        "/dev",
                        "--size",
                        "8388608",
                        "--tmpfs",
                        "/dev/shm",
                        "--setenv",
                        "SPROUT_PRIVATE_DIRS",
                        "/dev/shm",
                        "--ro-bind",
                        "<support>/etc/hosts",
                        "/etc/hosts",
                        "--ro-bind",
                        "<support>/etc/passwd",
                        "/etc/passwd",
                        "--ro-bind",
                        "<support>/etc/group",
                        "/etc/group",
                        "--ro-bind-try",
                        "/etc/ld.so.cache",
                        "/etc/ld.so.cache",
                        "--ro-bind",
                        "<support>/exec/<python-file>",
                        "<python>",
                        "--ro-bind",
                        "<tmp>/lib/site",
                        "<tmp>/lib/site",
                        "--ro-bind",
                        "<tmp>/work/src",
                        "<tmp>/work/src",
                        "--size",
                        "8388608",
                        "--tmpfs",
                        "<tmp>/work/scratch",
                        "--chdir",
                        "<tmp>/work/scratch",
                        "--remount-ro",
                        "/dev",
                        "--remount-ro",
                        "/",
                        "--remount-ro",
                        "/proc",
                        "--",
                        "/opt/t/sh",
                        "-c",
                        "exec <&4 >&5 4<&- 5>&-; exec \"$0\" \"$@\"",
                        "/usr/t/prlimit",
                        "--nproc=280",
                        "--nofile=1024:4096",
                        "--core=0",
                        "--",
                        "/usr/bin/python3",
                        "-I",
                        "harness.py"));
    }

    @Test
    void rootsCommandLineDropsToNobodyAndStagesWhatNobodyCannotReach() throws Exception {
        assumeTrue(HostTools.isRoot(), "staging is for root only");
        Files.setPosixFilePermissions(tmp.resolve("lib"), PosixFilePermissions.fromString("rwx------"));
        BwrapSandbox.CommandLine line =
                new BwrapSandbox(OLD_BWRAP, BwrapSandbox.Identity.NOBODY).commandLine(request(true));

        assertThat(line.stageDir()).isPresent();
        assertThat(render(line))
                .isEqualTo(String.join(
                        "\n",
                        "/opt/t/sh",
                        "-c",
                        "exec 3<\"$1\" || exit 125; exec 4<&0 5>&1 </dev/null >/dev/null; shift; exec \"$@\"",
                        "sprout-seccomp",
                        "<support>/seccomp.bpf",
                        "/opt/t/unshare",
                        "--mount",
                        "--propagation",
                        "private",
                        "--",
                        "/opt/t/sh",
                        "-c",
                        "m=$1; shift; while [ \"$1\" != -- ]; do \"$m\" --bind \"$1\" \"$2\" || exit 125; shift 2; done; shift; exec \"$@\"",
                        "sprout-stage",
                        "/opt/t/mount",
                        "<tmp>/lib/site",
                        "<stage>/0",
                        "--",
                        "/opt/t/setpriv",
                        "--reuid=65534",
                        "--regid=65534",
                        "--clear-groups",
                        "/opt/t/bwrap",
                        "--unshare-all",
                        "--unshare-user",
                        "--uid",
                        "65534",
                        "--gid",
                        "65534",
                        "--hostname",
                        "sprout",
                        "--die-with-parent",
                        "--new-session",
                        "--clearenv",
                        "--seccomp",
                        "3",
                        "--setenv",
                        "A",
                        "1",
                        "--setenv",
                        "SPROUT_BACKSTOP_NPROC",
                        "280",
                        "--setenv",
                        "TMPDIR",
                        "<tmp>/work/scratch",
                        "<system mounts>",
                        "--proc",
                        "/proc",
                        "--dev",
                        "/dev",
                        "--ro-bind",
                        "<support>/etc/hosts",
                        "/etc/hosts",
                        "--ro-bind",
                        "<support>/etc/passwd",
                        "/etc/passwd",
                        "--ro-bind",
                        "<support>/etc/group",
                        "/etc/group",
                        "--ro-bind-try",
                        "/etc/ld.so.cache",
                        "/etc/ld.so.cache",
                        "--ro-bind",
                        "<support>/exec/<python-file>",
                        "<python>",
                        "--ro-bind",
                        "<stage>/0",
                        "<tmp>/lib/site",
                        "--ro-bind",
                        "<tmp>/work/src",
                        "<tmp>/work/src",
                        "--bind",
                        "<tmp>/work/scratch",
                        "<tmp>/work/scratch",
                        "--chdir",
                        "<tmp>/work/scratch",
                        "--remount-ro",
                        "/dev",
                        "--remount-ro",
                        "/",
                        "--remount-ro",
                        "/proc",
                        "--",
                        "/opt/t/sh",
                        "-c",
                        "exec <&4 >&5 4<&- 5>&-; exec \"$0\" \"$@\"",
                        "/usr/bin/python3",
                        "-I",
                        "harness.py"));
        SupportFiles.deleteTree(line.stageDir().get());
    }

    @Test
    void rootsFallbackCommandLineMapsNobody() throws Exception {
        BwrapSandbox.CommandLine line =
                new BwrapSandbox(ALL_TOOLS, BwrapSandbox.Identity.MAPPED_NOBODY).commandLine(request(true));

        assertThat(render(line))
                .isEqualTo(String.join(
                        "\n",
                        "/opt/t/sh",
                        "-c",
                        "exec 3<\"$1\" || exit 125; exec 4<&0 5>&1 </dev/null >/dev/null; shift; exec \"$@\"",
                        "sprout-seccomp",
                        "<support>/seccomp.bpf",
                        "/opt/t/bwrap",
                        "--unshare-all",
                        "--unshare-user",
                        "--disable-userns",
                        "--uid",
                        "65534",
                        "--gid",
                        "65534",
                        "--hostname",
                        "sprout",
                        "--die-with-parent",
                        "--new-session",
                        "--clearenv",
                        "--seccomp",
                        "3",
                        "--setenv",
                        "A",
                        "1",
                        "--setenv",
                        "SPROUT_BACKSTOP_NPROC",
                        "280",
                        "--setenv",
                        "TMPDIR",
                        "<tmp>/work/scratch",
                        "<system mounts>",
                        "--proc",
                        "/proc",
                        "--dev",
                        "/dev",
                        "--size",
                        "8388608",
                        "--tmpfs",
                        "/dev/shm",
                        "--setenv",
                        "SPROUT_PRIVATE_DIRS",
                        "/dev/shm",
                        "--ro-bind",
                        "<support>/etc/hosts",
                        "/etc/hosts",
                        "--ro-bind",
                        "<support>/etc/passwd",
                        "/etc/passwd",
                        "--ro-bind",
                        "<support>/etc/group",
                        "/etc/group",
                        "--ro-bind-try",
                        "/etc/ld.so.cache",
                        "/etc/ld.so.cache",
                        "--ro-bind",
                        "<support>/exec/<python-file>",
                        "<python>",
                        "--ro-bind",
                        "<tmp>/lib/site",
                        "<tmp>/lib/site",
                        "--ro-bind",
                        "<tmp>/work/src",
                        "<tmp>/work/src",
                        "--size",
                        "8388608",
                        "--tmpfs",
                        "<tmp>/work/scratch",
                        "--chdir",
                        "<tmp>/work/scratch",
                        "--remount-ro",
                        "/dev",
                        "--remount-ro",
                        "/",
                        "--remount-ro",
                        "/proc",
                        "--",
                        "/opt/t/sh",
                        "-c",
                        "exec <&4 >&5 4<&- 5>&-; exec \"$0\" \"$@\"",
                        "/usr/bin/python3",
                        "-I",
                        "harness.py"));
    }
}
