package dev.sprout.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shard {@code index} of {@code count} (1-based, as CI matrices count): after sorting by
 * {@link Target#key()}, every {@code count}-th submission starting at {@code index}. Round robin
 * on a sorted list keeps the split the same on every machine and the shards' sizes within one.
 */
public record Shard(int index, int count) {

    public static final Shard ALL = new Shard(1, 1);
    private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is I/N with 1 <= I <= N, e.g. 1/4; got " + index + "/" + count);
        }
    }

    /** Parses {@code "2/4"}. */
    public static Shard parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "a shard is written I/N, e.g. 2/4 for the second of four; got '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard numbers are too large: '" + text + "'");
        }
    }

    public List<Target> select(List<Target> targets) {
        List<Target> sorted = new ArrayList<>(targets);
        sorted.sort(Comparator.comparing(Target::key));
        List<Target> mine = new ArrayList<>();
        for (int i = index - 1; i < sorted.size(); i += count) {
            mine.add(sorted.get(i));
        }
        return mine;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
