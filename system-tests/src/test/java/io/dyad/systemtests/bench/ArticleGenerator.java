package io.dyad.systemtests.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dyad.contracts.ArticleIds;
import io.dyad.contracts.RawArticle;
import io.dyad.systemtests.bench.WordLists.Country;
import io.dyad.systemtests.bench.WordLists.Organisation;
import io.dyad.systemtests.bench.WordLists.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Synthetic RawArticle v1 records: 3–5 KB of English (60 %) or Spanish (40 %) news prose about two or three
 * countries and one to three issues, built from {@link WordLists}. Countries are drawn with a long-tailed weight
 * (the first of the list most often), like real news. Each article also mentions one or two subjects (lithium,
 * coffee…; long-tailed too) and one or two of 1,152 made-up companies (evenly), the words keyword queries look for;
 * a third of the titles name a company. Every article has its own URL and text, so its own story.
 */
final class ArticleGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ISSUE_IDS = List.copyOf(new java.util.TreeSet<>(WordLists.ISSUES.keySet()));
    private static final int MIN_TEXT = 3000;
    private static final int MAX_TEXT = 4800;

    private final Random random;
    private final String runTag;
    private final double[] cumulativeWeights;
    private final double[] subjectWeights;
    private long sequence;

    ArticleGenerator(long seed, String runTag) {
        this.random = new Random(seed);
        this.runTag = runTag;
        cumulativeWeights = longTail(WordLists.COUNTRIES.size());
        subjectWeights = longTail(WordLists.SUBJECTS.size());
    }

    private static double[] longTail(int n) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / Math.pow(i + 1, 0.8);
            cumulative[i] = sum;
        }
        return cumulative;
    }

    /**
     * One generated article: its id, the JSON value for {@code dyad.articles.raw}, and the words a keyword query
     * searches, as alert-service's README defines them: the title, and summary + blank line + body.
     */
    record Generated(String articleId, String json, int bytes, String title, String searchText) {
    }

    /** What one article is about besides its countries and issues. */
    private record Mentions(List<Subject> subjects, List<Organisation> organisations) {
    }

    Generated next() {
        long n = ++sequence;
        boolean spanish = random.nextDouble() < 0.4;
        List<Country> countries = pickCountries(random.nextDouble() < 0.25 ? 3 : 2);
        List<String> issues = pickIssues(1 + random.nextInt(3));
        Country a = countries.get(0);
        Country b = countries.get(1);
        Mentions mentions = new Mentions(pickWeighted(subjectWeights, WordLists.SUBJECTS, 1 + random.nextInt(2)),
                pickEvenly(WordLists.ORGANISATIONS, 1 + random.nextInt(2)));
        String title = fill(pick(spanish ? WordLists.TITLES_ES : WordLists.TITLES_EN), a, b, issues.get(0), spanish);
        if (random.nextDouble() < 1.0 / 3) {
            String company = mentions.organisations().get(0).full();
            title += spanish ? ", según " + company : ", " + company + " says";
        }
        String text = body(spanish, countries, issues, mentions);
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
        String summary = raw.path("summary").asText();
        return new Generated(articleId, json, json.length(), title, summary + "\n\n" + text);
    }

    private String body(boolean spanish, List<Country> countries, List<String> issues, Mentions mentions) {
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
                } else if (s == 1 && paragraph < 2) {
                    // every subject and company is named early at least once
                    template = paragraph == 0 ? subjects(mentions, spanish, true) : companies(mentions, spanish, true);
                } else {
                    double r = random.nextDouble();
                    template = r < 0.2 ? pick(relating) : r < 0.4 ? pick(issueOnly)
                            : r < 0.5 ? subjects(mentions, spanish, false)
                            : r < 0.55 ? companies(mentions, spanish, false) : pick(filler);
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

    /** Sentences about the subjects: all of them ({@code every}) or one. {S} is filled here, the rest by fill(). */
    private String subjects(Mentions m, boolean spanish, boolean every) {
        List<Subject> which = every ? m.subjects() : List.of(pick(m.subjects()));
        StringBuilder out = new StringBuilder();
        for (Subject subject : which) {
            String sentence = pick(spanish ? WordLists.SUBJECT_ES : WordLists.SUBJECT_EN)
                    .replace("{S}", spanish ? subject.es() : subject.en());
            out.append(out.length() == 0 ? "" : " ").append(Character.toUpperCase(sentence.charAt(0)))
                    .append(sentence.substring(1));
        }
        return out.toString();
    }

    private String companies(Mentions m, boolean spanish, boolean every) {
        List<Organisation> which = every ? m.organisations() : List.of(pick(m.organisations()));
        StringBuilder out = new StringBuilder();
        for (Organisation company : which) {
            out.append(out.length() == 0 ? "" : " ").append(pick(spanish ? WordLists.ORGANISATION_ES
                    : WordLists.ORGANISATION_EN).replace("{O}", company.full()));
        }
        return out.toString();
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
        return pickWeighted(cumulativeWeights, WordLists.COUNTRIES, count);
    }

    /** {@code count} distinct items, the first ones of the list more often (cumulative weights). */
    private <T> List<T> pickWeighted(double[] cumulative, List<T> items, int count) {
        Set<T> chosen = new LinkedHashSet<>();
        while (chosen.size() < count) {
            double r = random.nextDouble() * cumulative[cumulative.length - 1];
            int i = 0;
            while (cumulative[i] < r) {
                i++;
            }
            chosen.add(items.get(i));
        }
        return new ArrayList<>(chosen);
    }

    private <T> List<T> pickEvenly(List<T> items, int count) {
        Set<T> chosen = new LinkedHashSet<>();
        while (chosen.size() < count) {
            chosen.add(pick(items));
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
