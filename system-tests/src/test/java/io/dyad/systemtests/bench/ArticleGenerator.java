package io.dyad.systemtests.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dyad.contracts.ArticleIds;
import io.dyad.contracts.RawArticle;
import io.dyad.systemtests.bench.WordLists.Country;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Synthetic RawArticle v1 records: 3–5 KB of English (60 %) or Spanish (40 %) news prose about two or three
 * countries and one to three issues, built from {@link WordLists}. Countries are drawn with a long-tailed weight
 * (the first of the list most often), like real news. Every article has its own URL and text, so its own story.
 */
final class ArticleGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ISSUE_IDS = List.copyOf(new java.util.TreeSet<>(WordLists.ISSUES.keySet()));
    private static final int MIN_TEXT = 3000;
    private static final int MAX_TEXT = 4800;

    private final Random random;
    private final String runTag;
    private final double[] cumulativeWeights;
    private long sequence;

    ArticleGenerator(long seed, String runTag) {
        this.random = new Random(seed);
        this.runTag = runTag;
        int n = WordLists.COUNTRIES.size();
        cumulativeWeights = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / Math.pow(i + 1, 0.8);
            cumulativeWeights[i] = sum;
        }
    }

    /** One generated article: its id and the JSON value for {@code dyad.articles.raw}. */
    record Generated(String articleId, String json, int bytes) {
    }

    Generated next() {
        long n = ++sequence;
        boolean spanish = random.nextDouble() < 0.4;
        List<Country> countries = pickCountries(random.nextDouble() < 0.25 ? 3 : 2);
        List<String> issues = pickIssues(1 + random.nextInt(3));
        Country a = countries.get(0);
        Country b = countries.get(1);
        String title = fill(pick(spanish ? WordLists.TITLES_ES : WordLists.TITLES_EN), a, b, issues.get(0), spanish);
        String text = body(spanish, countries, issues);
        String url = "https://wire" + (n % 40) + ".news.example/" + runTag + "/" + n + "/"
                + a.code().toLowerCase() + "-" + b.code().toLowerCase();
        String canonical = ArticleIds.canonicalUrl(url);
        String articleId = ArticleIds.articleId(canonical);
        Instant now = Instant.now();
        ObjectNode source = JSON.createObjectNode().put("id", "bench-" + (n % 40)).put("name", "Bench Wire " + (n % 40))
                .put("type", "rss").put("language", spanish ? "es" : "en");
        ObjectNode raw = JSON.createObjectNode();
        raw.put("schemaVersion", RawArticle.SCHEMA_VERSION).put("articleId", articleId).put("storyId", articleId)
                .put("url", url).put("canonicalUrl", canonical);
        raw.set("source", source);
        raw.put("title", title).put("summary", text.substring(0, text.indexOf("\n\n")))
                .put("text", text).put("language", spanish ? "es" : "en");
        raw.putArray("authors").add(spanish ? "Redacción" : "Staff reporter");
        raw.put("publishedAt", now.toString()).put("fetchedAt", now.toString())
                .put("contentHash", ArticleIds.contentHash(title, text));
        String json = raw.toString();
        return new Generated(articleId, json, json.length());
    }

    private String body(boolean spanish, List<Country> countries, List<String> issues) {
        StringBuilder text = new StringBuilder();
        List<String> relating = spanish ? WordLists.RELATING_ES : WordLists.RELATING_EN;
        List<String> issueOnly = spanish ? WordLists.ISSUE_ES : WordLists.ISSUE_EN;
        List<String> filler = spanish ? WordLists.FILLER_ES : WordLists.FILLER_EN;
        int target = MIN_TEXT + random.nextInt(MAX_TEXT - MIN_TEXT);
        int paragraph = 0;
        while (text.length() < target) {
            StringBuilder p = new StringBuilder();
            int sentences = 3 + random.nextInt(3);
            for (int s = 0; s < sentences; s++) {
                String issue = issues.get(random.nextInt(issues.size()));
                String template;
                if (s == 0 && paragraph < 3) {
                    // the lead paragraphs relate the main pair (and the third country, if any) on an issue
                    template = pick(relating);
                } else {
                    double r = random.nextDouble();
                    template = r < 0.2 ? pick(relating) : r < 0.45 ? pick(issueOnly) : pick(filler);
                }
                Country a = countries.get(0);
                Country b = paragraph == 2 && countries.size() > 2 ? countries.get(2) : countries.get(1);
                if (random.nextBoolean()) {
                    Country t = a;
                    a = b;
                    b = t;
                }
                p.append(p.length() == 0 ? "" : " ").append(fill(template, a, b, issue, spanish));
            }
            text.append(text.length() == 0 ? "" : "\n\n").append(p);
            paragraph++;
        }
        return text.toString();
    }

    private String fill(String template, Country a, Country b, String issueId, boolean spanish) {
        List<String> phrases = WordLists.ISSUES.get(issueId).get(spanish ? 1 : 0);
        String capital = spanish ? a.capitalEs() : a.capitalEn();
        if (capital == null) {
            capital = spanish ? "la capital de " + a.es() : "the capital of " + a.en();
        }
        String out = template.replace("{A}", spanish ? a.es() : a.en()).replace("{B}", spanish ? b.es() : b.en())
                .replace("{CA}", capital).replace("{X}", pick(phrases))
                .replace("{DAY}", pick(spanish ? WordLists.DAYS_ES : WordLists.DAYS_EN))
                .replace("{N}", String.valueOf(2 + random.nextInt(40)));
        if (spanish) {
            out = out.replace(" de el ", " del ").replace(" a el ", " al ");
        }
        return Character.toUpperCase(out.charAt(0)) + out.substring(1);
    }

    private List<Country> pickCountries(int count) {
        Set<Country> chosen = new LinkedHashSet<>();
        while (chosen.size() < count) {
            double r = random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
            int i = 0;
            while (cumulativeWeights[i] < r) {
                i++;
            }
            chosen.add(WordLists.COUNTRIES.get(i));
        }
        return new ArrayList<>(chosen);
    }

    private List<String> pickIssues(int count) {
        Set<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < count) {
            chosen.add(ISSUE_IDS.get(random.nextInt(ISSUE_IDS.size())));
        }
        return new ArrayList<>(chosen);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    static List<String> issueIds() {
        return ISSUE_IDS;
    }
}
