package io.dyad.classify.pairs;

import io.dyad.classify.gazetteer.CountryMention;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lists of countries in one sentence: "Britain, France, Germany and Italy", "Chile, Peru y Colombia". Mentions joined
 * only by a comma, a slash or a conjunction ("and", "or", "y", "o", "e", "&amp;", optionally followed by an article)
 * form a run; a run naming three or more distinct countries is a list. Language-independent apart from the few
 * connector words. Each mention is mapped to its list (an int id) or to nothing.
 */
public final class MentionLists {

    private static final Set<String> CONNECTORS = Set.of(",", "/", "and", ",and", "or", ",or", "y", ",y", "o", "e",
            "&", "und", "et", ",et", "ou");
    private static final Set<String> ARTICLES = Set.of("the", "el", "la", "los", "las", "le", "les");
    /** Longest gap between two listed mentions, in characters (", and the " fits). */
    private static final int MAX_GAP = 12;

    private final Map<CountryMention, Integer> listOf = new IdentityHashMap<>();
    private final List<Set<String>> members = new ArrayList<>();

    private MentionLists() {
    }

    /** Finds the lists among {@code mentions} (all mentions of an article, any order). */
    public static MentionLists of(List<CountryMention> mentions) {
        MentionLists lists = new MentionLists();
        List<CountryMention> ordered = new ArrayList<>(mentions);
        ordered.sort(Comparator.comparing((CountryMention m) -> m.field().ordinal())
                .thenComparingInt(CountryMention::firstToken));
        List<CountryMention> run = new ArrayList<>();
        for (CountryMention m : ordered) {
            if (!run.isEmpty() && !joined(run.get(run.size() - 1), m)) {
                lists.close(run);
            }
            run.add(m);
        }
        lists.close(run);
        return lists;
    }

    private void close(List<CountryMention> run) {
        Set<String> codes = new LinkedHashSet<>();
        run.forEach(m -> codes.add(m.code()));
        if (codes.size() >= 3) {
            int id = members.size();
            members.add(codes);
            run.forEach(m -> listOf.put(m, id));
        }
        run.clear();
    }

    private static boolean joined(CountryMention a, CountryMention b) {
        if (a.fieldText() != b.fieldText() || a.sentence() != b.sentence() || b.start() < a.end()
                || b.start() - a.end() > MAX_GAP) {
            return false;
        }
        String gap = a.fieldText().text().substring(a.end(), b.start()).toLowerCase(Locale.ROOT);
        StringBuilder compact = new StringBuilder();
        for (String word : gap.replace(",", " , ").trim().split("\\s+")) {
            if (!ARTICLES.contains(word)) {
                compact.append(word);
            }
        }
        return CONNECTORS.contains(compact.toString());
    }

    /** True when the mention stands in a list of three or more countries. */
    public boolean listed(CountryMention mention) {
        return listOf.containsKey(mention);
    }

    /** The number of distinct lists that name both countries. */
    public int sharedLists(String a, String b) {
        int n = 0;
        for (Set<String> codes : members) {
            if (codes.contains(a) && codes.contains(b)) {
                n++;
            }
        }
        return n;
    }
}
