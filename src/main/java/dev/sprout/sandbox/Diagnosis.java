package dev.sprout.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * Which sandbox tier {@code --sandbox auto} uses on this machine, and why; for
 * {@code sprout doctor}.
 *
 * @param tier       the tier "auto" chooses
 * @param reason     one or two plain sentences: why this tier
 * @param bwrapError what bwrap printed when it was tried and failed (or started in a weaker mode)
 * @param advice     what the user can do to reach tier A, one step per entry; empty on tier A
 */
public record Diagnosis(Tier tier, String reason, Optional<String> bwrapError, List<String> advice) {

    public Diagnosis {
        advice = List.copyOf(advice);
    }

    /** The steps towards tier A as printable text, or a line saying tier A is already in use. */
    public String howToReachTierA() {
        if (advice.isEmpty()) {
            return tier == Tier.BWRAP
                    ? "Tier A (bwrap) is in use: learner code is fully isolated."
                    : "No known way to reach tier A here.";
        }
        StringBuilder text = new StringBuilder("To reach tier A (bwrap):");
        advice.forEach(
                step -> text.append(System.lineSeparator()).append("  - ").append(step));
        return text.toString();
    }

    /** Everything {@code sprout doctor} shows about the sandbox, as lines of text. */
    public String describe() {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder()
                .append("sandbox: tier ")
                .append(tier.letter())
                .append(" (")
                .append(tier.optionName())
                .append(")")
                .append(nl)
                .append("why: ")
                .append(reason);
        bwrapError.ifPresent(error -> text.append(nl).append("bwrap said: ").append(error.strip()));
        if (!advice.isEmpty() || tier != Tier.BWRAP) {
            text.append(nl).append(howToReachTierA());
        }
        return text.toString();
    }
}
