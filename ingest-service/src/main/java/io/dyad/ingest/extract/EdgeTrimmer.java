package io.dyad.ingest.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Paragraph-level clean-up of an extracted text: what sits at the edges of an article container without being part
 * of the story — a label over a removed link list ("Tags:", "You may also like"), a photo credit, a bare date line,
 * the title repeated — is cut from the ends until the first real paragraph; labels and photo credits are also dropped
 * in the middle. Phrase families, not sites: nothing here names a publisher. Each rule was kept only because it did
 * not lower the F1 of either half of the dev set (see README, "Full text and extraction"); rules for newsletter
 * prompts and for any short unpunctuated last block helped the half they were written on and cost the other.
 */
final class EdgeTrimmer {

    /** A block that only announces something else (a list, a gallery) that was removed. */
    private static final Pattern LABEL = Pattern.compile("(?iu)(tags?|more|related( (stories|articles|posts))?"
            + "|like this|share this( (article|story|post))?|you may also like|you might also like|read also|see also"
            + "|also read|read more|don'?t miss|popular on .{1,30}|sharing is caring!?|recommended( for you)?"
            + "|trending( now)?|most (read|popular)|filed under|advertisement|lee tambi[eé]n|te puede interesar"
            + "|m[aá]s noticias|publicidad)\\W*");
    /** A credit line under a picture: "Photo: …", "Foto / …", "Image | …". */
    private static final Pattern CAPTION = Pattern.compile("(?iu)^(photo|photograph|image|picture|foto|фото|imagen"
            + "|credit|ap photo|getty images)\\s*[:/|]");
    /** A block ending like a sentence (or a quotation, or a parenthesis). */
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?\"”’»…)]$");
    private static final int DATE_LINE_MAX_CHARS = 60;

    private EdgeTrimmer() {
    }

    /**
     * {@code text} (paragraphs separated by blank lines) without the furniture at its edges, nor a first block that
     * repeats the page's {@code title} (may be null).
     */
    static String trim(String text, String title) {
        if (text.isEmpty()) {
            return text;
        }
        List<String> blocks = new ArrayList<>(Arrays.asList(text.split("\n\n")));
        int end = blocks.size();
        while (end > 0 && isFurniture(blocks.get(end - 1))) {
            end--;
        }
        int start = 0;
        String heading = words(title);
        while (start < end && (isFurniture(blocks.get(start)) || repeatsTitle(blocks.get(start), heading))) {
            start++;
        }
        List<String> kept = new ArrayList<>(end - start);
        for (String block : blocks.subList(start, end)) {
            if (!isLabelOrCredit(block)) {
                kept.add(block);
            }
        }
        return String.join("\n\n", kept);
    }

    private static boolean isLabelOrCredit(String block) {
        return LABEL.matcher(block).matches() || CAPTION.matcher(block).find();
    }

    static boolean isFurniture(String block) {
        return isLabelOrCredit(block) || isDateLine(block);
    }

    /** The block is the title again, or most of it (not a one-word dateline that the title happens to contain). */
    static boolean repeatsTitle(String block, String heading) {
        String words = words(block);
        return !heading.isEmpty() && words.length() >= heading.length() / 2 && heading.contains(words);
    }

    /** Lower-case words separated by single spaces: "Ex-Minister's visit" and "ex minister s visit" compare equal. */
    static String words(String s) {
        if (s == null) {
            return "";
        }
        // what replacing runs of [^\p{L}\p{N}] by one space and trimming gives, without a regular expression
        String lower = s.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean gap = false;
        for (int i = 0; i < lower.length();) {
            int c = lower.codePointAt(i);
            i += Character.charCount(c);
            if (letterOrNumber(c)) {
                if (gap && out.length() > 0) {
                    out.append(' ');
                }
                gap = false;
                out.appendCodePoint(c);
            } else {
                gap = true;
            }
        }
        return out.toString();
    }

    /** {@code \p{L}} or {@code \p{N}}: letters, and decimal, letter and other numbers. */
    private static boolean letterOrNumber(int c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** A short block that is mostly digits ("22 de outubro de 2010 às 20:13", "Updated 08.08.2018"). */
    private static boolean isDateLine(String block) {
        if (block.length() >= DATE_LINE_MAX_CHARS || SENTENCE_END.matcher(block).find()) {
            return false;
        }
        int visible = 0;
        int digits = 0;
        for (int i = 0; i < block.length(); i++) {
            char c = block.charAt(i);
            if (!Character.isWhitespace(c)) {
                visible++;
                if (Character.isDigit(c)) {
                    digits++;
                }
            }
        }
        return visible > 0 && digits >= 0.2 * visible;
    }
}
