package dev.sprout.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A seccomp program (classic BPF, as bwrap's {@code --seccomp} loads it) that denies, with
 * EPERM, the system calls one sandboxed process uses to take over another: {@code ptrace},
 * {@code process_vm_readv}/{@code writev} and {@code pidfd_getfd}. Learner code and the harness
 * run as the same user inside the sandbox, so without it a case could attach to the harness, or
 * copy the harness's end of the JVM channel with {@code pidfd_getfd} and write forged replies
 * the JVM would believe (a forged "facts" reply passes any source rule). Nothing a learner's
 * program or the harness needs is denied. Other architectures' system calls (i386 on x86-64,
 * x32) are denied altogether, so the filter cannot be bypassed through them.
 */
final class SyscallFilter {

    private static final int LD_W_ABS = 0x20;
    private static final int JEQ_K = 0x15;
    private static final int JGE_K = 0x35;
    private static final int RET_K = 0x06;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_EPERM = 0x00050000 | 1;
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;
    private static final int X32_SYSCALL_BIT = 0x40000000;

    /** An architecture's audit id and the numbers of the denied system calls there. */
    private record Arch(int auditArch, boolean hasX32, List<Integer> denied) {}

    // ptrace, process_vm_readv, process_vm_writev, pidfd_getfd (438 on every architecture)
    private static final Arch X86_64 = new Arch(0xC000003E, true, List.of(101, 310, 311, 438));
    private static final Arch AARCH64 = new Arch(0xC00000B7, false, List.of(117, 270, 271, 438));

    private SyscallFilter() {}

    /** The program for this JVM's architecture; empty where it is not known (no filter then). */
    static Optional<byte[]> forThisMachine() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> Optional.of(program(X86_64));
            case "aarch64", "arm64" -> Optional.of(program(AARCH64));
            default -> Optional.empty();
        };
    }

    private static byte[] program(Arch arch) {
        int denied = arch.denied().size();
        int count = 4 + (arch.hasX32() ? 1 : 0) + denied + 2;
        ByteBuffer out = ByteBuffer.allocate(count * 8).order(ByteOrder.nativeOrder());
        instruction(out, LD_W_ABS, 0, 0, OFFSET_ARCH);
        instruction(out, JEQ_K, 1, 0, arch.auditArch());
        instruction(out, RET_K, 0, 0, RET_EPERM);
        instruction(out, LD_W_ABS, 0, 0, OFFSET_NR);
        if (arch.hasX32()) {
            instruction(out, JGE_K, denied + 1, 0, X32_SYSCALL_BIT);
        }
        for (int i = 0; i < denied; i++) {
            // a match jumps over the remaining comparisons and the ALLOW to the final EPERM
            instruction(out, JEQ_K, denied - i, 0, arch.denied().get(i));
        }
        instruction(out, RET_K, 0, 0, RET_ALLOW);
        instruction(out, RET_K, 0, 0, RET_EPERM);
        return out.array();
    }

    private static void instruction(ByteBuffer out, int code, int jumpTrue, int jumpFalse, int k) {
        out.putShort((short) code).put((byte) jumpTrue).put((byte) jumpFalse).putInt(k);
    }
}
