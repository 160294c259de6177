package dev.sprout.grading;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

import dev.sprout.spec.HttpExpect;
import dev.sprout.spec.OutputMatcher;

/**
 * HTML expectations: the body parsed as a browser would (jsoup's HTML5 parser), elements picked
 * by CSS selector, so learners may change their markup freely. An element's text has entities
 * decoded: escaped user input reads as a literal {@code <script>}, unescaped markup becomes
 * elements and is missing from the text.
 */
final class HtmlChecker {

    /** What a failure shows of an element, or of the page, at most. */
    private static final int SHOWN = 400;

    private HtmlChecker() {}

    static Optional<HttpChecker.Failure> check(List<HttpExpect.HtmlCheck> checks, String body) {
        Document page = Jsoup.parse(body);
        for (HttpExpect.HtmlCheck check : checks) {
            Optional<HttpChecker.Failure> failure = check(check, page);
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    private static Optional<HttpChecker.Failure> check(HttpExpect.HtmlCheck check, Document page) {
        String select = check.select();
        Elements found = page.select(select);
        if (check.count().isPresent()) {
            int wanted = check.count().getAsInt();
            if (found.size() != wanted) {
                return fail(
                        Messages.htmlCount(select, wanted, found.size()),
                        String.valueOf(wanted),
                        found.isEmpty() ? shown(page.body().text()) : shown(found.outerHtml()));
            }
            if (wanted == 0) {
                return Optional.empty();
            }
        } else if (found.isEmpty()) {
            return fail(
                    Messages.htmlMissing(select),
                    "an element matching " + select,
                    shown(page.body().text()));
        }
        Element first = found.first();
        if (check.text().isPresent()) {
            OutputMatcher text = check.text().get();
            Optional<String> mismatch = text.mismatch(first.text());
            if (mismatch.isPresent()) {
                return fail(Messages.htmlText(select, inWords(mismatch.get())), text.describe(), first.text());
            }
        }
        if (check.texts().isPresent()) {
            List<String> wanted =
                    check.texts().get().stream().map(String::strip).toList();
            List<String> got = found.stream().map(e -> e.text().strip()).toList();
            if (!wanted.equals(got)) {
                return fail(Messages.htmlTexts(select), String.join(" | ", wanted), shown(String.join(" | ", got)));
            }
        }
        for (Map.Entry<String, OutputMatcher> attr : check.attr().entrySet()) {
            String name = attr.getKey();
            if (!first.hasAttr(name)) {
                return fail(
                        Messages.htmlNoAttribute(select, name), attr.getValue().describe(), shown(first.outerHtml()));
            }
            Optional<String> mismatch = attr.getValue().mismatch(first.attr(name));
            if (mismatch.isPresent()) {
                return fail(
                        Messages.htmlAttribute(select, name, inWords(mismatch.get())),
                        attr.getValue().describe(),
                        first.attr(name));
            }
        }
        return Optional.empty();
    }

    /** OutputMatcher speaks of "the output"; here it is an element's text or an attribute's value. */
    private static String inWords(String mismatch) {
        return mismatch.replaceFirst("^the output", "it");
    }

    private static String shown(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + " …";
    }

    private static Optional<HttpChecker.Failure> fail(String message, String expected, String actual) {
        return Optional.of(new HttpChecker.Failure(message, Optional.of(expected), Optional.of(actual)));
    }
}
