package dev.sprout.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub Actions workflow a new workspace gets as {@code .github/workflows/sprout.yml}: on a
 * push to main and on every pull request, check out with history, check out sprout from the
 * repository named at the top of the workflow, and run its action (action.yml).
 */
public final class CiWorkflow {

    /** Where a workspace keeps it, relative to its root. */
    public static final String PATH = ".github/workflows/sprout.yml";

    private CiWorkflow() {}

    /**
     * A GitHub repository holding sprout, and the branch or tag to use.
     *
     * @param repository {@code owner/name}
     * @param ref        a branch, tag or commit; {@code main} unless given
     */
    public record ActionSource(String repository, String ref) {

        private static final Pattern FORM =
                Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+)(?:@([A-Za-z0-9._/-]+))?");

        /** {@code owner/repo} or {@code owner/repo@ref}; empty for anything else. */
        public static Optional<ActionSource> parse(String text) {
            Matcher matcher = FORM.matcher(text.strip());
            if (!matcher.matches()) {
                return Optional.empty();
            }
            return Optional.of(
                    new ActionSource(matcher.group(1), matcher.group(2) == null ? "main" : matcher.group(2)));
        }
    }

    /** The workflow, taking sprout from {@code source}. */
    public static String github(ActionSource source) {
        try (InputStream in = CiWorkflow.class.getResourceAsStream("github-workflow.yml")) {
            if (in == null) {
                throw new IllegalStateException("github-workflow.yml is missing from sprout's jar");
            }
            // both values match ActionSource's pattern, so they need no YAML escaping inside quotes
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@SPROUT_REPOSITORY@", source.repository())
                    .replace("@SPROUT_REF@", source.ref());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
