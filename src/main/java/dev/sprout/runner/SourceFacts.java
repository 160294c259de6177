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

    /** @param file for a package entry, the file the fact is in ({@code inventory/report.py}); else empty */
    public record Fact(String name, int line, String file) {
        public Fact(String name, int line) {
            this(name, line, "");
        }
    }
}
