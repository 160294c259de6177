package dev.sprout.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The GitHub Actions workflow a new workspace gets as {@code .github/workflows/sprout.yml}: on
 * every push and pull request, check out with history and run sprout's action (action.yml).
 */
public final class CiWorkflow {

    /** Where a workspace keeps it, relative to its root. */
    public static final String PATH = ".github/workflows/sprout.yml";

    private CiWorkflow() {
    }

    public static String github() {
        try (InputStream in = CiWorkflow.class.getResourceAsStream("github-workflow.yml")) {
            if (in == null) {
                throw new IllegalStateException("github-workflow.yml is missing from sprout's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
