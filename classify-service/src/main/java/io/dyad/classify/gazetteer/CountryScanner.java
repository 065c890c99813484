package io.dyad.classify.gazetteer;

import io.dyad.classify.text.FieldText;
import io.dyad.classify.text.Token;
import io.dyad.classify.text.TokenTrie;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds country mentions: a longest-match scan of each field's tokens over the gazetteer trie of the article's
 * language, then a document-level pass that keeps an ambiguous mention ("Georgia", "Jordan", sentence-initial
 * "Turkey") only when the document backs one of its readings, and drops it otherwise.
 */
public final class CountryScanner {

    private static final Set<String> CONNECTORS = Set.of("and", "or", "nor", "y", "e", "o", "u", "ni", "the", "el",
            "la", "los", "las");

    private final Gazetteer gazetteer;

    public CountryScanner(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** Capitalised words that start a longer place name rather than a person's or an organisation's. */
    private static final Set<String> PLACE_QUALIFIERS = Set.of("north", "south", "east", "west", "northern",
            "southern", "eastern", "western", "central", "greater", "downtown", "upper", "lower", "new", "old", "port",
            "fort", "saint", "st", "san", "santa", "metro", "suburban", "rural", "occupied", "norte", "sur", "este",
            "oeste", "ciudad");

    /**
     * A place (city, capital, metonym) right after a capitalised word whose capital means something, as in "George
     * Washington", "Denzel Washington" or "Michael Jackson", is part of a person's or an organisation's name, not the
     * place. Country names, demonyms and states are not dropped this way ("South Korea" is one phrase anyway).
     */
    private static boolean surnameOrNamePart(FieldText field, int first, List<GazetteerEntry> entries) {
        if (first == 0 || !allPlaceOnly(entries)) {
            return false;
        }
        Token previous = field.tokens().get(first - 1);
        if (!previous.capitalized() || previous.allUpper() || !field.casingInformative(first - 1)
                || field.sentenceOf(first - 1) != field.sentenceOf(first)
                || PLACE_QUALIFIERS.contains(previous.folded())) {
            return false;
        }
        return field.singleSpaceBefore(first);
    }

    /** Capitalised words after a city name that keep it a place: "Mexico City", "Lancaster County". */
    private static final Set<String> PLACE_SUFFIXES = Set.of("city", "county", "province", "region", "state",
            "district", "area", "metro", "valley", "bay", "island", "islands", "municipality", "prefecture");

    /**
     * A city (not a capital) right before a capitalised word whose capital means something, as in "George Lopez",
     * "Mary Smith" or "Lindsay Hospital", names a person or an organisation: many towns carry first names.
     */
    private static boolean givenNameOrNamePart(FieldText field, int last, List<GazetteerEntry> entries) {
        if (last + 1 >= field.tokens().size() || !citiesSomeAmbiguous(entries)) {
            return false;
        }
        Token next = field.tokens().get(last + 1);
        if (!next.capitalized() || next.allUpper() || !field.casingInformative(last + 1)
                || field.sentenceOf(last + 1) != field.sentenceOf(last) || PLACE_SUFFIXES.contains(next.folded())) {
            return false;
        }
        return field.singleSpaceBefore(last + 1);
    }

    /** Every entry is a city, a capital or a metonym (loops, not streams: this runs for every match). */
    private static boolean allPlaceOnly(List<GazetteerEntry> entries) {
        for (int k = 0; k < entries.size(); k++) {
            if (!placeOnly(entries.get(k).kind())) {
                return false;
            }
        }
        return true;
    }

    /** Every entry is a city, and some entry's support is not NONE. */
    private static boolean citiesSomeAmbiguous(List<GazetteerEntry> entries) {
        boolean needsSupport = false;
        for (int k = 0; k < entries.size(); k++) {
            if (entries.get(k).kind() != PlaceKind.CITY) {
                return false;
            }
            needsSupport |= entries.get(k).support() != Support.NONE;
        }
        return needsSupport;
    }

    private static boolean noBlocker(List<GazetteerEntry> entries) {
        for (int k = 0; k < entries.size(); k++) {
            if (entries.get(k).blocker()) {
                return false;
            }
        }
        return true;
    }

    private static String key(FieldText field, int first, int last) {
        StringBuilder key = new StringBuilder();
        for (int t = first; t <= last; t++) {
            key.append(t > first ? " " : "").append(field.tokens().get(t).folded());
        }
        return key.toString();
    }

    private static boolean placeOnly(PlaceKind kind) {
        return kind == PlaceKind.CITY || kind == PlaceKind.CAPITAL || kind == PlaceKind.METONYM;
    }

    /**
     * A phrase found in the text with the readings its case allows; weak when the document must back it. {@code key}
     * is the folded phrase ("new york"), built once: the ambiguity pass compares it with every other match's.
     */
    private record Match(FieldText field, int first, int last, Map<String, PlaceKind> readings, boolean weak,
            String major, String key) {
        int start() {
            return field.tokens().get(first).start();
        }
    }

    /** Mentions in document order (fields in the order given). */
    public List<CountryMention> scan(List<FieldText> fields, String language) {
        TokenTrie<GazetteerEntry> trie = gazetteer.trie(language);
        List<Match> found = new ArrayList<>();
        Set<String> personNames = new HashSet<>();
        for (FieldText field : fields) {
            scanField(field, trie, found, personNames);
        }
        // a place name seen as part of a person's name ("Nigel Lawson") is that person elsewhere too ("LAWSON SAYS")
        List<Match> matches = new ArrayList<>(found.size());
        for (Match m : found) {
            if (!(!personNames.isEmpty() && personNames.contains(m.key()) && m.readings().values().stream().allMatch(CountryScanner::placeOnly))) {
                matches.add(m);
            }
        }
        Set<String> backed = new HashSet<>();
        for (Match m : matches) {
            if (!m.weak()) {
                backed.addAll(m.readings().keySet());
            } else if (m.major() != null) {
                backed.add(m.major());
            }
        }
        List<CountryMention> mentions = new ArrayList<>();
        for (int i = 0; i < matches.size(); i++) {
            Match m = matches.get(i);
            String code = m.weak() ? resolve(matches, i, backed) : m.readings().keySet().iterator().next();
            if (code != null) {
                mentions.add(new CountryMention(code, m.readings().get(code), m.field(), m.first(), m.last()));
            }
        }
        return mentions;
    }

    private void scanField(FieldText field, TokenTrie<GazetteerEntry> trie, List<Match> out, Set<String> personNames) {
        List<Token> tokens = field.tokens();
        int n = tokens.size();
        int i = 0;
        while (i < n) {
            TokenTrie.Node<GazetteerEntry> node = trie.root();
            int bestLast = -1;
            List<GazetteerEntry> best = null;
            for (int j = i; j < n; j++) {
                // the trie step first: it ends nearly every walk, and costs less than reading the gap
                node = node.exact(tokens.get(j).id());
                if (node == null || j > i && !joinable(field, j)) {
                    break;
                }
                if (!node.values().isEmpty()) {
                    List<GazetteerEntry> passing = new ArrayList<>(2);
                    for (GazetteerEntry entry : node.values()) {
                        if (entry.rule().accepts(entry.words(), field, i) && !currencyPrefix(entry, field, j)) {
                            passing.add(entry);
                        }
                    }
                    if (!passing.isEmpty()) {
                        bestLast = j;
                        best = passing;
                    }
                }
            }
            if (best == null) {
                i++;
                continue;
            }
            if (noBlocker(best)) {
                if (surnameOrNamePart(field, i, best) || givenNameOrNamePart(field, bestLast, best)) {
                    personNames.add(key(field, i, bestLast));
                } else {
                    out.add(toMatch(field, i, bestLast, best));
                }
            }
            i = bestLast + 1;
        }
    }

    private static Match toMatch(FieldText field, int first, int last, List<GazetteerEntry> entries) {
        Map<String, PlaceKind> readings = new LinkedHashMap<>();
        boolean weak = false;
        // the codes of the entries that are not minor places: is there exactly one? (no set per match)
        String major = null;
        boolean severalMajor = false;
        for (GazetteerEntry entry : entries) {
            readings.merge(entry.code(), entry.kind(), (a, b) -> a.ordinal() <= b.ordinal() ? a : b);
            if (entry.support() == Support.ALWAYS
                    || entry.support() == Support.UNCASED && !field.casingInformative(first)) {
                weak = true;
            }
            if (entry.support() != Support.MINOR) {
                severalMajor |= major != null && !major.equals(entry.code());
                major = major == null ? entry.code() : major;
            }
        }
        // the better-known reading of a name shared with minor places, when it counts on its own
        String fallback = !weak && major != null && !severalMajor ? major : null;
        return new Match(field, first, last, readings, weak || readings.size() > 1, fallback,
                first == last ? field.tokens().get(first).folded() : key(field, first, last));
    }

    /**
     * Picks the reading of weak match {@code index}: a cue next to it decides ("Republic of Georgia", "the state of
     * Georgia", "Jordan and Syria"); otherwise a reading the rest of the document names without ambiguity, the
     * nearest one when several are. Null drops the mention.
     */
    private static String resolve(List<Match> matches, int index, Set<String> backed) {
        Match m = matches.get(index);
        Map<String, PlaceKind> readings = m.readings();
        Map<String, PlaceKind> preferred = preferredByCue(matches, index);
        if (preferred.size() == 1) {
            return preferred.keySet().iterator().next();
        }
        Map<String, PlaceKind> candidates = preferred.isEmpty() ? readings : preferred;
        String nearest = null;
        long nearestDistance = Long.MAX_VALUE;
        for (Match other : matches) {
            // other mentions of the same name do not back it, whatever they read as
            if (other == m || other.weak() && other.major() == null || other.key().equals(m.key())) {
                continue;
            }
            // a name shared only with minor places (Ontario) backs its major reading
            if (other.weak()) {
                String code = other.major();
                if (backs(m, other, code, candidates, backed)) {
                    long distance = distance(m, other);
                    if (distance < nearestDistance) {
                        nearestDistance = distance;
                        nearest = code;
                    }
                }
                continue;
            }
            for (String code : other.readings().keySet()) {
                if (backs(m, other, code, candidates, backed)) {
                    long distance = distance(m, other);
                    if (distance < nearestDistance) {
                        nearestDistance = distance;
                        nearest = code;
                    }
                }
            }
        }
        return nearest != null ? nearest : m.major();
    }

    /** True when reading {@code code} of match {@code other} backs weak match {@code m} in that reading. */
    private static boolean backs(Match m, Match other, String code, Map<String, PlaceKind> candidates,
            Set<String> backed) {
        // a minor place (Paris, Texas) is backed only by a place of its country (Texas, Dallas), not by the
        // country's name: U.S. dollars in a story from Paris do not move Paris to Texas
        boolean local = m.major() == null || code.equals(m.major())
                || other.readings().get(code) == PlaceKind.ADMIN1 || other.readings().get(code) == PlaceKind.CITY;
        return candidates.containsKey(code) && backed.contains(code) && local;
    }

    private static long distance(Match m, Match other) {
        return other.field() == m.field()
                ? Math.abs(other.start() - m.start())
                : 1_000_000_000L + Math.abs(other.field().field().ordinal() - m.field().field().ordinal());
    }

    private static final Set<String> COUNTRY_CUES = Set.of("republic", "kingdom", "country", "nation", "republica",
            "reino", "pais", "nacion");
    private static final Set<String> STATE_CUES = Set.of("state", "estado");

    private static Map<String, PlaceKind> preferredByCue(List<Match> matches, int index) {
        Match m = matches.get(index);
        List<Token> tokens = m.field().tokens();
        Boolean countryLevel = null;
        String sameCode = null;
        String before2 = m.first() >= 2 && sameSentence(m.field(), m.first() - 2, m.first())
                ? tokens.get(m.first() - 2).folded() : "";
        String before1 = m.first() >= 1 && sameSentence(m.field(), m.first() - 1, m.first())
                ? tokens.get(m.first() - 1).folded() : "";
        String after = m.last() + 1 < tokens.size() && sameSentence(m.field(), m.last(), m.last() + 1)
                ? tokens.get(m.last() + 1).folded() : "";
        if ((before1.equals("of") || before1.equals("de")) && COUNTRY_CUES.contains(before2)) {
            countryLevel = true;
        } else if ((before1.equals("of") || before1.equals("de")) && STATE_CUES.contains(before2)
                || after.equals("state") || after.equals("governor")) {
            countryLevel = false;
        } else {
            Match neighbour = coordinated(matches, index);
            if (neighbour != null) {
                PlaceKind kind = neighbour.readings().values().iterator().next();
                countryLevel = kind.countryLevel();
                sameCode = neighbour.readings().keySet().iterator().next();
            }
        }
        Map<String, PlaceKind> preferred = new LinkedHashMap<>();
        if (countryLevel == null) {
            return preferred;
        }
        for (Map.Entry<String, PlaceKind> reading : m.readings().entrySet()) {
            if (reading.getValue().countryLevel() == countryLevel
                    && (countryLevel || sameCode == null || reading.getKey().equals(sameCode))) {
                preferred.put(reading.getKey(), reading.getValue());
            }
        }
        return preferred;
    }

    /** The unambiguous match listed with match {@code index} ("Jordan, Syria and Iraq"), or null. */
    private static Match coordinated(List<Match> matches, int index) {
        Match m = matches.get(index);
        for (int k : new int[] {index - 1, index + 1}) {
            if (k < 0 || k >= matches.size()) {
                continue;
            }
            Match other = matches.get(k);
            if (other.weak() || other.field() != m.field()) {
                continue;
            }
            int from = k < index ? other.last() + 1 : m.last() + 1;
            int to = k < index ? m.first() : other.first();
            if (from <= to && to - from <= 2 && sameSentence(m.field(), Math.min(m.first(), other.first()),
                    Math.max(m.last(), other.last())) && onlyConnectors(m.field(), from, to)) {
                return other;
            }
        }
        return null;
    }

    /** Tokens {@code [from, to)} are connectors and the gaps around them hold only commas, slashes, dashes. */
    private static boolean onlyConnectors(FieldText field, int from, int to) {
        for (int t = from; t < to; t++) {
            if (!CONNECTORS.contains(field.tokens().get(t).folded())) {
                return false;
            }
        }
        for (int t = from; t <= to; t++) {
            String text = field.text();
            for (int c = field.gapStart(t); c < field.gapEnd(t); c++) {
                char ch = text.charAt(c);
                if (!Character.isWhitespace(ch) && ",/-–—&".indexOf(ch) < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean sameSentence(FieldText field, int a, int b) {
        return field.sentenceOf(a) == field.sentenceOf(b);
    }

    /** Tokens of one phrase may be apart by spaces, one line break, a hyphen, an apostrophe or the dot of "St.". */
    private static boolean joinable(FieldText field, int j) {
        if (field.sentenceOf(j) != field.sentenceOf(j - 1)) {
            return false;
        }
        String text = field.text();
        int lineBreaks = 0;
        for (int c = field.gapStart(j), end = field.gapEnd(j); c < end; c++) {
            char ch = text.charAt(c);
            if (ch == '\n') {
                lineBreaks++;
            } else if (ch == '.') {
                if (field.tokens().get(j - 1).length() > 3) {
                    return false;
                }
            } else if (!Character.isWhitespace(ch) && "-–'’".indexOf(ch) < 0) {
                return false;
            }
        }
        return lineBreaks <= 1;
    }

    /** "US$ 5 millones" is a currency, not the country. */
    private static boolean currencyPrefix(GazetteerEntry entry, FieldText field, int last) {
        if (entry.kind() != PlaceKind.ABBREV) {
            return false;
        }
        int end = field.tokens().get(last).end();
        return end < field.text().length() && field.text().charAt(end) == '$';
    }
}
