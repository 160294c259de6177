package dev.sprout.spec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The names in {@code forbid_calls} and {@code require_calls}: {@code sorted} is a function (the
 * built-in or an imported one, never the learner's own def of that name), {@code .sort} a method
 * of any receiver ({@code xs.sort()}).
 */
final class SourceCalls {

    private static final Pattern CALL = Pattern.compile("\\.?[A-Za-z_][A-Za-z0-9_]*");

    private SourceCalls() {}

    static List<String> names(SpecNode node, String key) {
        if (!node.has(key)) {
            return List.of();
        }
        List<String> names = node.get(key).textList();
        for (String name : names) {
            if (!CALL.matcher(name).matches()) {
                throw node.get(key)
                        .fail("'" + name + "' is not a call sprout can look for; write a function's name"
                                + " (sorted) or a method's with a dot (.sort)");
            }
        }
        return names;
    }
}
