package dev.sprout.runner;

import java.io.IOException;
import java.util.Optional;

/**
 * The learner's exercise folder cannot be graded as it is (a link leading out of it, too many
 * files, too deep): the learner's to fix, not sprout's failure. The message says what to do.
 */
public final class FolderRefused extends IOException {

    private static final long serialVersionUID = 1L;

    public FolderRefused(String message) {
        super(message);
    }

    /** The refusal somewhere in {@code error}'s causes. */
    public static Optional<FolderRefused> in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof FolderRefused refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }
}
