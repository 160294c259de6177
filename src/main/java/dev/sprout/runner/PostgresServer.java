package dev.sprout.runner;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a harness needs to start a submission's PostgreSQL server inside its sandbox: the programs'
 * folder and the cluster template to copy (docs/harness-protocol.md, "postgres").
 *
 * @param install  the machine's PostgreSQL
 * @param template the cached cluster the server starts from a copy of
 */
record PostgresServer(PostgresInstall install, Path template) {

    /** How a missing PostgreSQL is named among the missing modules; the message says how to install it. */
    static final String MISSING = "PostgreSQL";

    /** The template is made here when this machine has none for the version yet. */
    static PostgresServer of(PostgresInstall install, Path cacheRoot) {
        try {
            return new PostgresServer(install, install.template(cacheRoot));
        } catch (UncheckedIOException e) {
            throw new RunnerException(
                    "Could not prepare PostgreSQL (" + install.bin() + "): "
                            + e.getCause().getMessage(),
                    e);
        }
    }

    /** Paths the sandbox must show read-only: the template, and the install when it is outside /usr. */
    List<Path> readOnlyPaths() {
        List<Path> paths = new ArrayList<>(install.installFolders());
        paths.add(template);
        return paths;
    }

    ObjectNode request() {
        return JsonNodeFactory.instance
                .objectNode()
                .put("op", "postgres")
                .put("bin", install.bin().toString())
                .put("template", template.toString());
    }
}
