package dev.sprout.spec;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of a spec that are about a package entry ({@code entry: inventory/}): the folder's
 * name, a case's {@code import:} (the module a call or expression runs in), and which case
 * kinds a package exercise may use (docs/grader-spec.md, "Package exercises").
 */
final class PackageSpecs {

    private static final Pattern MODULE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DOTTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private PackageSpecs() {}

    static void checkEntry(SpecNode node, String entry) {
        String name = entry.substring(0, entry.length() - 1);
        if (!MODULE.matcher(name).matches()) {
            throw node.fail("a package entry is one folder named like a Python module, ending with '/', "
                    + "e.g. inventory/ (not '" + entry + "')");
        }
    }

    /** A call or expr case's {@code import:}, e.g. {@code inventory.report}; checked against the entry later. */
    static Optional<String> module(SpecNode caseNode) {
        if (!caseNode.has("import")) {
            return Optional.empty();
        }
        SpecNode node = caseNode.get("import");
        String module = node.nonBlankText();
        if (!DOTTED.matcher(module).matches()) {
            throw node.fail("'" + module + "' is not a module name; write the package's module with dots, "
                    + "e.g. inventory.report");
        }
        return Optional.of(module);
    }

    /**
     * {@code import:} only in a package exercise's call and expr cases, naming the package or one
     * of its modules; no http cases in a package exercise (they would need its app by name).
     */
    static void checkCases(SpecNode root, String entry, List<SpecNode> taskNodes) {
        boolean isPackage = entry.endsWith("/");
        String name = isPackage ? entry.substring(0, entry.length() - 1) : "";
        for (SpecNode task : taskNodes) {
            for (SpecNode c : task.get("cases").elements()) {
                if (c.has("import")) {
                    if (!isPackage) {
                        throw c.get("import")
                                .fail("'import' is for a package exercise (entry: a folder such as inventory/); "
                                        + "a single-file exercise's cases run in its file");
                    }
                    if (!c.has("call") && !c.has("expr")) {
                        throw c.get("import").fail("only 'call' and 'expr' cases take 'import'");
                    }
                    String module = c.get("import").text();
                    if (!module.equals(name) && !module.startsWith(name + ".")) {
                        throw c.get("import")
                                .fail("'" + module + "' is not part of the package " + name + "/; write " + name
                                        + " or one of its modules, e.g. " + name + ".report");
                    }
                }
                if (isPackage && c.has("http")) {
                    throw c.get("http")
                            .fail("a package exercise (entry: " + entry + ") cannot have http cases yet; "
                                    + "use call, expr, run or source cases");
                }
            }
        }
    }
}
