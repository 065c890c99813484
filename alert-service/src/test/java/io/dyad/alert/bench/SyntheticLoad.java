package io.dyad.alert.bench;

import io.dyad.alert.matching.ArticleTags;
import io.dyad.alert.matching.ArticleText;
import io.dyad.alert.matching.CountryMode;
import io.dyad.alert.matching.IndexedSubscription;
import io.dyad.alert.matching.IssueIds;
import io.dyad.alert.matching.SubscriptionFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A synthetic population for the matching benchmark, made from a fixed seed. Country popularity is Zipf-like
 * (exponent 0.7: the most popular country is in ~7 % of picks, as a few countries dominate real news); issues likewise
 * (exponent 0.8). The mix of subscriptions: 55 % pairs (70 % of them narrowed by issues), 20 % countries (90 % narrowed by
 * issues; 20 % of them "all"), 1 % issues only (a worldwide topic is a firehose few people want), 14 % a pair with a
 * keyword query, 10 % a keyword query only; across all of them 10 % name languages, 3 % sources, 15 % a minimum score.
 * Words come from a vocabulary of 200,000 made-up words whose use in articles is Zipf-like; queries pick from the
 * less common ones (rank ≥ 1,000: people set alerts on names and topics, not on "the"). Bare prefix queries
 * ({@code tariff*}) appear only next to places: the monitor's presearcher cannot index a prefix, so a keyword-only
 * prefix query would run against every article (see the README).
 */
final class SyntheticLoad {

    static final String[] COUNTRIES = Locale.getISOCountries();
    private static final int VOCABULARY = 200_000;
    private static final int COMMON_WORDS = 1_000;

    private final Random random;
    private final double[] countryCdf;
    private final double[] issueCdf;
    private final double[] wordCdf;
    private final String[] words;

    SyntheticLoad(long seed) {
        random = new Random(seed);
        countryCdf = zipfCdf(COUNTRIES.length, 0.7);
        issueCdf = zipfCdf(IssueIds.ALL.size(), 0.8);
        wordCdf = zipfCdf(VOCABULARY, 1.0);
        words = new String[VOCABULARY];
        for (int i = 0; i < VOCABULARY; i++) {
            words[i] = word(i);
        }
    }

    List<IndexedSubscription> subscriptions(int count) {
        List<IndexedSubscription> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new IndexedSubscription(new UUID(random.nextLong(), random.nextLong()), null, filter()));
        }
        return out;
    }

    private SubscriptionFilter filter() {
        int kind = random.nextInt(100);
        Set<String> pairs = Set.of();
        Set<String> countries = Set.of();
        CountryMode mode = CountryMode.ANY;
        Set<String> issues = Set.of();
        String query = null;
        if (kind < 55) {
            pairs = pairs(1 + random.nextInt(3));
            issues = random.nextInt(10) < 7 ? issues(1 + random.nextInt(3)) : Set.of();
        } else if (kind < 75) {
            if (random.nextInt(100) < 20) {
                countries = countries(2);
                mode = CountryMode.ALL;
            } else {
                countries = countries(1 + random.nextInt(3));
            }
            issues = random.nextInt(10) < 9 ? issues(1 + random.nextInt(3)) : Set.of();
        } else if (kind < 76) {
            issues = issues(1 + random.nextInt(2));
        } else if (kind < 90) {
            pairs = pairs(1);
            query = query(true);
        } else {
            query = query(false);
        }
        Set<String> languages = random.nextInt(100) < 10 ? Set.of(random.nextBoolean() ? "en" : "es") : Set.of();
        Set<String> sources = random.nextInt(100) < 3 ? Set.of("source-" + random.nextInt(500)) : Set.of();
        Double minScore = random.nextInt(100) < 15 ? 0.5 + random.nextInt(4) / 10.0 : null;
        return new SubscriptionFilter(pairs, countries, mode, issues, query, languages, sources, minScore);
    }

    /** A news article: 1–3 pairs among 2–5 countries, 1–3 issues, a 12-word title and a 600-word text. */
    ArticleTags article() {
        Map<String, Double> countries = new HashMap<>();
        int n = 2 + random.nextInt(4);
        while (countries.size() < n) {
            countries.put(COUNTRIES[pick(countryCdf)], 0.3 + random.nextDouble() * 0.7);
        }
        List<String> codes = new ArrayList<>(countries.keySet());
        Map<String, Double> pairs = new HashMap<>();
        int p = 1 + random.nextInt(Math.min(3, codes.size() - 1));
        for (int i = 0; i < p; i++) {
            String a = codes.get(0);
            String b = codes.get(1 + random.nextInt(codes.size() - 1));
            pairs.put(pair(a, b), 0.3 + random.nextDouble() * 0.7);
        }
        Map<String, Double> issues = new HashMap<>();
        for (String issue : issues(1 + random.nextInt(3))) {
            issues.put(issue, 0.3 + random.nextDouble() * 0.7);
        }
        ArticleText text = new ArticleText(text(12), text(600));
        String language = random.nextInt(10) < 7 ? "en" : "es";
        return new ArticleTags(pairs, countries, issues, language, Set.of("source-" + random.nextInt(500)), text);
    }

    private Set<String> pairs(int n) {
        Set<String> out = new HashSet<>();
        while (out.size() < n) {
            String a = COUNTRIES[pick(countryCdf)];
            String b = COUNTRIES[pick(countryCdf)];
            if (!a.equals(b)) {
                out.add(pair(a, b));
            }
        }
        return out;
    }

    private Set<String> countries(int n) {
        Set<String> out = new HashSet<>();
        while (out.size() < n) {
            out.add(COUNTRIES[pick(countryCdf)]);
        }
        return out;
    }

    private Set<String> issues(int n) {
        Set<String> out = new HashSet<>();
        while (out.size() < n) {
            out.add(IssueIds.ALL.get(pick(issueCdf)));
        }
        return out;
    }

    /** One to three topic words: a word, a phrase, "a AND b", "a OR b", "a NOT b", a scoped title word, a prefix. */
    private String query(boolean prefixAllowed) {
        String a = topicWord();
        String b = topicWord();
        return switch (random.nextInt(prefixAllowed ? 7 : 6)) {
            case 0 -> a;
            case 1 -> "\"" + a + " " + b + "\"";
            case 2 -> a + " AND " + b;
            case 3 -> a + " OR " + b;
            case 4 -> a + " NOT " + b;
            case 5 -> "title:" + a;
            default -> a.substring(0, Math.max(4, a.length() - 2)) + "*";
        };
    }

    private String topicWord() {
        return words[COMMON_WORDS + random.nextInt(VOCABULARY - COMMON_WORDS)];
    }

    private String text(int length) {
        StringBuilder out = new StringBuilder(length * 8);
        for (int i = 0; i < length; i++) {
            out.append(words[pick(wordCdf)]).append(i % 17 == 16 ? ". " : " ");
        }
        return out.toString();
    }

    private int pick(double[] cdf) {
        double u = random.nextDouble();
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double[] zipfCdf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / Math.pow(i + 1, s);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    /** A pronounceable made-up word, distinct per index. */
    private static String word(int index) {
        String consonants = "bcdfghklmnprstvz";
        String vowels = "aeiou";
        StringBuilder w = new StringBuilder();
        int x = index + 1;
        while (x > 0) {
            w.append(consonants.charAt(x % 16));
            x /= 16;
            w.append(vowels.charAt(x % 5));
            x /= 5;
        }
        return w.toString();
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a;
    }
}
