package dev.sprout.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What grading a whole class at once exposes on a tier weaker than A, where students are hostile
 * to each other (issue #12, item 14). Tier A shows learner code only its own private copy. Tier B
 * as root runs each submission as a user id of its own with a private copy only that id can read,
 * but nothing hides the originals: a pack or class folder that other users may read hands every
 * student the graders' expected values, the reference solutions and the classmates' code. Tier B
 * as an ordinary user (and tier C) runs learner code as sprout's own user: it reads everything
 * sprout reads, and can reach sprout itself to fake its results (see LauncherSandbox). Neither
 * isolates the network: services on this machine's loopback are reachable.
 */
public final class BatchExposure {

    private BatchExposure() {}

    /**
     * Empty when grading the class in {@code batch} against the pack in {@code pack} exposes
     * nothing to the students; otherwise a plain statement of what is exposed.
     */
    public static Optional<String> check(Sandbox sandbox, Path pack, Path batch) {
        if (sandbox.tier() == Tier.BWRAP) {
            return Optional.empty();
        }
        String tier = "sandbox tier " + sandbox.tier().letter();
        if (sandbox.tier() == Tier.NONE || !HostTools.isRoot()) {
            return Optional.of("Grading a class on " + tier + " without root runs every student's code as your own "
                    + "user: it can read the pack's hidden expected values (grader.yaml) and solutions, the other "
                    + "students' code in " + batch + ", and everything else you can read; reach services on this "
                    + "machine's loopback; and fake its own results.");
        }
        List<Path> open = new ArrayList<>();
        for (Path tree : List.of(pack, batch)) {
            if (readableByOthers(tree)) {
                open.add(tree);
            }
        }
        if (open.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Grading a class on " + tier + ": each student's code runs as a user of its own, but "
                + "other users can read "
                + String.join(" and ", open.stream().map(Path::toString).toList())
                + ", so every student could read the pack's hidden expected values (grader.yaml) and solutions, "
                + "and the other students' code. Close them to other users (chmod -R o-rwx), or use tier A (bwrap).");
    }

    /**
     * Whether a user of no group of ours can walk into {@code tree}. Search permission is enough:
     * the names inside are no secret (grader.yaml, solution.py, the students' names).
     */
    private static boolean readableByOthers(Path tree) {
        try {
            for (Path dir = tree.toRealPath(); dir != null; dir = dir.getParent()) {
                if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException cannotTell) {
            return !Files.notExists(tree); // say so rather than promise
        }
    }
}
