package io.dyad.classify.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Case and accent folding shared by the scanner and the resource files: "México", "MEXICO" and "mexico" fold alike.
 * Must agree with {@code fold()} in tools/build_gazetteer.py.
 */
public final class Folding {

    private Folding() {
    }

    public static String fold(CharSequence text) {
        boolean ascii = true;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return text.toString().toLowerCase(Locale.ROOT);
        }
        String decomposed = Normalizer.normalize(text.toString().replace("ß", "ss"), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
