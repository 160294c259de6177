package dev.sprout.cli;

import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Option;

/** Options of the commands that read a workspace but run no Python. */
public final class WorkspaceOptions {

    @Option(
            names = {"-w", "--workspace"},
            paramLabel = "DIR",
            description =
                    "Your workspace folder (the one holding exercises/). Default: this folder or the nearest parent that has one.")
    Path workspace;

    @Option(
            names = "--pack",
            paramLabel = "DIR",
            description =
                    "Use the exercises in DIR (a folder with exercises/ and graders/) instead of the ones this workspace was made from.")
    Path pack;

    @Option(names = "--verbose", description = "Show technical details (Java stack traces) when something goes wrong.")
    boolean verbose;

    Optional<Path> workspace() {
        return Optional.ofNullable(workspace);
    }

    Optional<Path> pack() {
        return Optional.ofNullable(pack);
    }
}
