package dev.sprout.runner;

import java.util.List;

/** What the learner's file contains, read from its syntax tree without running it. */
public record SourceFacts(
        List<Fact> calls, List<Fact> imports, List<Fact> constructs, List<Fact> functions, List<Fact> names) {

    public SourceFacts {
        calls = List.copyOf(calls);
        imports = List.copyOf(imports);
        constructs = List.copyOf(constructs);
        functions = List.copyOf(functions);
        names = List.copyOf(names);
    }

    /**
     * One thing found at a line. For calls: {@code method} when written with a dot
     * ({@code xs.sort()}, {@code math.floor(x)}), {@code module} when the dot follows an imported
     * module ({@code math.floor(x)}), {@code own} when a plain name resolves to the file's own
     * definition (a def, class or assignment) rather than to a built-in or an import.
     *
     * @param file for a package entry, the file the fact is in ({@code inventory/report.py}); else empty
     */
    public record Fact(String name, int line, String file, boolean method, boolean module, boolean own) {

        public Fact(String name, int line) {
            this(name, line, "", false, false, false);
        }

        public Fact(String name, int line, String file) {
            this(name, line, file, false, false, false);
        }

        public Fact(String name, int line, boolean method, boolean module, boolean own) {
            this(name, line, "", method, module, own);
        }

        /** A call of the built-in or imported function {@code name} (not the file's own, not a method). */
        public boolean callsLibraryFunction() {
            return !own && (!method || module);
        }
    }
}
