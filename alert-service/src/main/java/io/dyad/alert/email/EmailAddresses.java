package io.dyad.alert.email;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A conservative check of the addresses we send to: {@code local@domain} with the dot-atom local part of RFC 5322 (no
 * quoted strings, comments or IP-literal domains) and a domain of at least two DNS labels. Anything that could break out
 * of a header line (CR, LF, commas, angle brackets) is refused. The domain is lower-cased; the local part is kept.
 */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL = 64;
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private EmailAddresses() {
    }

    /** The address in canonical form, or an {@link IllegalArgumentException} whose message says what is wrong. */
    public static String normalize(String raw) {
        String address = raw == null ? "" : raw.strip();
        if (address.isEmpty()) {
            throw new IllegalArgumentException("is required for e-mail channels");
        }
        if (address.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_LENGTH + " characters");
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.indexOf('@') != at) {
            throw new IllegalArgumentException("\"" + printable(address) + "\" is not an e-mail address (local@domain)");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.length() > MAX_LOCAL || !LOCAL.matcher(local).matches()) {
            throw new IllegalArgumentException("\"" + printable(address)
                    + "\" is not an e-mail address we send to: the part before @ may hold letters, digits, "
                    + "dots and !#$%&'*+/=?^_`{|}~- only");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            throw new IllegalArgumentException("\"" + printable(address) + "\" needs a domain with a dot, e.g. example.org");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("\"" + printable(address) + "\" has an invalid domain \""
                        + printable(domain) + "\"");
            }
        }
        return local + "@" + domain;
    }

    /** For logs and answers to people other than the owner: {@code a…@example.org}. */
    public static String mask(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        return at <= 0 ? "…" : address.charAt(0) + "…" + address.substring(at);
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }
}
