package dev.sprout.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import dev.sprout.value.PyValue;

/**
 * Values short enough to read in a verdict: a long list shows the items around the first
 * difference, with "… (N more items)" for the rest, and any other long text is cut. A failure on
 * a 1,500-item list then fits on a screen instead of printing 24 kB.
 */
final class ShortRepr {

    static final int ITEMS = 10;
    static final int CHARS = 300;

    private ShortRepr() {}

    /** @param around the index of the first item that differs, if the value is an ordered sequence */
    static String of(PyValue value, OptionalInt around) {
        if (value instanceof PyValue.PySequence sequence && sequence.items().size() > ITEMS) {
            List<PyValue> items = sequence.items();
            int centre = Math.min(Math.max(around.orElse(0), 0), items.size() - 1);
            int from = Math.max(0, Math.min(centre - 3, items.size() - ITEMS));
            int to = Math.min(items.size(), from + ITEMS);
            List<String> shown = new ArrayList<>();
            if (from > 0) {
                shown.add("… (" + from + " more items)");
            }
            for (int i = from; i < to; i++) {
                shown.add(cut(of(items.get(i), OptionalInt.empty())));
            }
            if (to < items.size()) {
                shown.add("… (" + (items.size() - to) + " more items)");
            }
            String[] brackets = switch (sequence.kind()) {
                case LIST -> new String[] {"[", "]"};
                case TUPLE -> new String[] {"(", ")"};
                case SET -> new String[] {"{", "}"};
                case FROZENSET -> new String[] {"frozenset({", "})"};
            };
            return brackets[0] + String.join(", ", shown) + brackets[1];
        }
        return cut(value.repr());
    }

    private static String cut(String repr) {
        return repr.length() <= CHARS
                ? repr
                : repr.substring(0, CHARS) + "… (" + (repr.length() - CHARS) + " more characters)";
    }
}
