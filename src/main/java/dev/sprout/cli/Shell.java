package dev.sprout.cli;

import java.util.regex.Pattern;

/** Words for the commands sprout suggests, quoted so that a paste into a POSIX shell works. */
final class Shell {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./@%+=:,~-]+");

    private Shell() {}

    /** {@code my folder} becomes {@code 'my folder'}; plain words stay as they are. */
    static String quote(String word) {
        if (!word.isEmpty() && PLAIN.matcher(word).matches() && !word.startsWith("~")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
