package dev.sprout.spec;

import java.util.List;

/** Rules on the learner's syntax tree; {@code message} is what the learner sees when one breaks. */
public record SourceRules(
        List<String> forbidCalls,
        List<String> requireCalls,
        List<String> forbidImports,
        List<String> requireImports,
        List<String> forbidConstructs,
        List<String> requireConstructs,
        List<String> requireFunctions,
        String message) {

    public static final List<String> CONSTRUCTS = List.of(
            "for",
            "while",
            "if",
            "try",
            "with",
            "def",
            "class",
            "lambda",
            "comprehension",
            "return",
            "fstring",
            "recursion");

    public SourceRules {
        forbidCalls = List.copyOf(forbidCalls);
        requireCalls = List.copyOf(requireCalls);
        forbidImports = List.copyOf(forbidImports);
        requireImports = List.copyOf(requireImports);
        forbidConstructs = List.copyOf(forbidConstructs);
        requireConstructs = List.copyOf(requireConstructs);
        requireFunctions = List.copyOf(requireFunctions);
    }
}
