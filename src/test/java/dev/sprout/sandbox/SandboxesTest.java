package dev.sprout.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SandboxesTest {

    @Test
    void autoPicksBwrapWhereBubblewrapIsInstalledAndWorks() {
        assumeTrue(HostTools.isLinux() && Files.isExecutable(Path.of("/usr/bin/bwrap")), "no bwrap here");

        Sandbox sandbox = Sandboxes.choose("auto");

        assertThat(sandbox.tier()).as(Sandboxes.diagnose().describe()).isEqualTo(Tier.BWRAP);
        assertThat(sandbox.warning()).isEmpty();
        assertThat(Sandboxes.diagnose().describe()).startsWith("sandbox: tier A (bwrap)");
    }

    @Test
    void noneOnlyByNameAndWithAWarning() {
        Sandbox none = Sandboxes.choose(" None ");

        assertThat(none.tier()).isEqualTo(Tier.NONE);
        assertThat(none.warning()).hasValueSatisfying(w -> assertThat(w).contains("without isolation"));
        assertThat(Sandboxes.choose("auto").tier()).isNotEqualTo(Tier.NONE);
    }

    @Test
    void rejectsAnUnknownSandboxName() {
        assertThatThrownBy(() -> Sandboxes.choose("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto, bwrap, launcher or none");
    }

    @Test
    void recognisesUbuntusAppArmorRestriction() {
        for (String stderr : List.of(
                "bwrap: setting up uid map: Permission denied",
                "bwrap: loopback: Failed RTM_NEWADDR: Operation not permitted")) {
            List<String> advice = BwrapProbe.adviceFor(stderr);

            assertThat(String.join("\n", advice))
                    .contains("sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0")
                    .contains("bwrap-userns-restrict");
        }
    }

    @Test
    void doctorTextSaysWhyAndWhatToDo() {
        Diagnosis launcher = new Diagnosis(
                Tier.LAUNCHER,
                "bubblewrap is installed but cannot create its sandbox here.",
                Optional.of("bwrap: setting up uid map: Permission denied\n"),
                BwrapProbe.adviceFor("bwrap: setting up uid map: Permission denied"));

        assertThat(launcher.describe())
                .startsWith("sandbox: tier B (launcher)")
                .contains("bwrap said: bwrap: setting up uid map: Permission denied")
                .contains("To reach tier A (bwrap):")
                .contains("kernel.apparmor_restrict_unprivileged_userns=0");
        assertThat(new Diagnosis(Tier.BWRAP, "works", Optional.empty(), List.of()).howToReachTierA())
                .contains("in use");
    }

    @Test
    void aMissingBwrapIsExplainedWithTheInstallCommand() {
        assertThat(new SandboxUnavailableException("x")).isInstanceOf(RuntimeException.class);
        assertThat(BwrapProbe.adviceFor("bwrap: Creating new namespace failed: Operation not permitted"))
                .anySatisfy(step -> assertThat(step).contains("seccomp=unconfined"));
    }
}
