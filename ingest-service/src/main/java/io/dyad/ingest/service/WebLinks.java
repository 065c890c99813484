package io.dyad.ingest.service;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * How a web source finds article links on its listing page: a CSS selector (links inside the matched elements, or the
 * matched links themselves), a regular expression on absolute URLs, or both (then both must hold).
 */
public record WebLinks(String selector, Pattern pattern) {

    static final int MAX_LENGTH = 500;

    /** @throws InvalidRequestException when neither is given, or one is malformed or too long */
    public static WebLinks of(String selector, String regex) {
        String sel = selector == null || selector.isBlank() ? null : selector.trim();
        String re = regex == null || regex.isBlank() ? null : regex.trim();
        if (sel == null && re == null) {
            throw new InvalidRequestException("linkSelector", "a web source needs linkSelector (a CSS selector for "
                    + "its article links) or linkPattern (a regular expression their URLs match)");
        }
        if (sel != null) {
            if (sel.length() > MAX_LENGTH) {
                throw new InvalidRequestException("linkSelector", "linkSelector must be at most 500 characters");
            }
            try {
                QueryParser.parse(sel);
            } catch (Selector.SelectorParseException | IllegalArgumentException e) {
                throw new InvalidRequestException("linkSelector", "linkSelector \"" + sel + "\" is not a valid CSS "
                        + "selector: " + e.getMessage());
            }
        }
        Pattern pattern = null;
        if (re != null) {
            if (re.length() > MAX_LENGTH) {
                throw new InvalidRequestException("linkPattern", "linkPattern must be at most 500 characters");
            }
            try {
                pattern = Pattern.compile(re);
            } catch (PatternSyntaxException e) {
                throw new InvalidRequestException("linkPattern", "linkPattern \"" + re + "\" is not a valid regular "
                        + "expression: " + e.getDescription());
            }
        }
        return new WebLinks(sel, pattern);
    }
}
