package io.dyad.systemtests.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The subscriptions of a run and our own copy of their filters, so that what should have been delivered can be
 * worked out independently of alert-service. The mix, by share of all subscriptions:
 * <ul>
 * <li>83.5 % pairs (1–3 pairs; 70 % of them narrowed to 1–3 issues, 10 % to a keyword query, 20 % not);</li>
 * <li>8 % one country (any) narrowed to 1–2 issues;</li>
 * <li>4 % two countries with {@code "countryMode": "all"}, half of them narrowed to 1–2 issues;</li>
 * <li>2 % two or three countries (any) narrowed to a keyword query;</li>
 * <li>2 % a keyword query only, about a company (a name, a phrase, a {@code title:} scope, a prefix, OR, NOT);</li>
 * <li>0.5 % 1–2 issues and a keyword query, no place;</li>
 * <li>0.02 % one issue only, worldwide (each matches about one article in ten, hence so few).</li>
 * </ul>
 * A {@code hotShare} of the place filters is about the countries the generator writes about; the rest spread over
 * every ISO 3166 code (the long tail that rarely matches, as for a real service). Keyword queries use the words the
 * generator writes (subjects, companies, issue phrases, country names), so they match some articles and not others.
 */
final class Subscriptions {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_USER_ID = "00000000-0000-0000-0000-000000000001";

    /** A subscription's filter as alert-service applies it ({@code query} null = no keyword filter). */
    record Filter(UUID id, String kind, Set<String> pairs, Set<String> countries, boolean allCountries,
            Set<String> issues, KeywordQuery query) {

        Filter withId(UUID newId) {
            return new Filter(newId, kind, pairs, countries, allCountries, issues, query);
        }
    }

    /** A filter kind's share of the mix; the rest are pair filters. */
    private static final double COUNTRY = 0.08;
    private static final double COUNTRIES_ALL = 0.04;
    private static final double COUNTRIES_QUERY = 0.02;
    private static final double QUERY_ONLY = 0.02;
    private static final double ISSUES_QUERY = 0.005;
    private static final double ISSUES_ONLY = 0.0002;

    private final Random random;
    private final double hotShare;
    private final List<String> hotCodes;
    private final List<String> allCodes;
    private final List<String> countryWords;
    private final List<String> issueWords;
    private final List<List<String>> issuePhrases;
    private final List<Filter> filters = new ArrayList<>();
    private final Map<UUID, Filter> byId = new HashMap<>();
    private final Map<String, List<Filter>> byPair = new HashMap<>();
    private final Map<String, List<Filter>> byCountry = new HashMap<>();
    /** filters with no place: tried on every article */
    private final List<Filter> placeless = new ArrayList<>();

    Subscriptions(long seed, double hotShare) {
        this.random = new Random(seed);
        this.hotShare = hotShare;
        this.hotCodes = WordLists.COUNTRIES.stream().map(WordLists.Country::code).toList();
        this.allCodes = List.of(Locale.getISOCountries());
        // one-word country names as the articles write them (Mexico, México, Alemania…)
        this.countryWords = WordLists.COUNTRIES.stream().flatMap(c -> Stream.of(c.en(), c.es()))
                .filter(name -> ArticleWords.words(name).size() == 1).distinct().toList();
        Set<String> words = new TreeSet<>();
        List<List<String>> phrases = new ArrayList<>();
        new TreeMap<>(WordLists.ISSUES).values().forEach(languages -> languages.forEach(list -> list.forEach(phrase -> {
            List<String> w = ArticleWords.words(phrase);
            w.stream().filter(word -> word.length() >= 6).forEach(words::add);
            if (w.size() >= 2) {
                phrases.add(w);
            }
        })));
        this.issueWords = List.copyOf(words);
        this.issuePhrases = List.copyOf(phrases);
    }

    List<Filter> all() {
        return filters;
    }

    int size() {
        return filters.size();
    }

    /** New filters with ids of our own; {@link #add} them once alert-service has them. */
    List<Filter> generate(int count) {
        List<Filter> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(generateOne());
        }
        return out;
    }

    /** One filter of each kind, so that every kind also goes through the real API, then {@code count} more. */
    List<Filter> generateEveryKindThen(int count) {
        List<Filter> out = new ArrayList<>();
        for (String kind : KINDS) {
            out.add(generate(kind, random.nextDouble() < hotShare ? hotCodes : allCodes));
        }
        out.addAll(generate(count));
        return out;
    }

    static final List<String> KINDS = List.of("pairs+issues", "pairs", "pairs+query", "country", "countries-all", "countries+query",
            "query", "issues+query", "issues");

    private Filter generateOne() {
        List<String> codes = random.nextDouble() < hotShare ? hotCodes : allCodes;
        double r = random.nextDouble();
        String kind;
        if ((r -= COUNTRY) < 0) {
            kind = "country";
        } else if ((r -= COUNTRIES_ALL) < 0) {
            kind = "countries-all";
        } else if ((r -= COUNTRIES_QUERY) < 0) {
            kind = "countries+query";
        } else if ((r -= QUERY_ONLY) < 0) {
            kind = "query";
        } else if ((r -= ISSUES_QUERY) < 0) {
            kind = "issues+query";
        } else if ((r -= ISSUES_ONLY) < 0) {
            kind = "issues";
        } else {
            // pair filters: 70 % narrowed to issues, 10 % to a query, 20 % not narrowed
            double narrow = random.nextDouble();
            kind = narrow < 0.7 ? "pairs+issues" : narrow < 0.8 ? "pairs+query" : "pairs";
        }
        return generate(kind, codes);
    }

    private Filter generate(String kind, List<String> codes) {
        Set<String> none = Set.of();
        return switch (kind) {
            case "country" -> filter(kind, none, codes(codes, 1), false, issues(1 + random.nextInt(2)), null);
            case "countries-all" -> filter(kind, none, codes(codes, 2), true,
                    random.nextBoolean() ? issues(1 + random.nextInt(2)) : none, null);
            case "countries+query" -> filter(kind, none, codes(codes, 2 + random.nextInt(2)), false, none,
                    topicQuery());
            case "query" -> filter(kind, none, none, false, none, companyQuery());
            case "issues+query" -> filter(kind, none, none, false, issues(1 + random.nextInt(2)), topicQuery());
            case "issues" -> filter(kind, none, none, false, issues(1), null);
            case "pairs+issues" -> filter(kind, pairs(codes), none, false, issues(1 + random.nextInt(3)), null);
            case "pairs+query" -> filter(kind, pairs(codes), none, false, none, topicQuery());
            case "pairs" -> filter(kind, pairs(codes), none, false, none, null);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private Set<String> pairs(List<String> codes) {
        Set<String> pairs = new TreeSet<>();
        int n = 1 + random.nextInt(3);
        while (pairs.size() < n) {
            String a = codes.get(random.nextInt(codes.size()));
            String b = codes.get(random.nextInt(codes.size()));
            if (!a.equals(b)) {
                pairs.add(a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a);
            }
        }
        return pairs;
    }

    private static Filter filter(String kind, Set<String> pairs, Set<String> countries, boolean all,
            Set<String> issues, KeywordQuery query) {
        return new Filter(UUID.randomUUID(), kind, pairs, countries, all, issues, query);
    }

    private Set<String> codes(List<String> from, int n) {
        Set<String> out = new TreeSet<>();
        while (out.size() < n) {
            out.add(from.get(random.nextInt(from.size())));
        }
        return out;
    }

    private Set<String> issues(int n) {
        Set<String> issues = new TreeSet<>();
        List<String> ids = ArticleGenerator.issueIds();
        while (issues.size() < n) {
            issues.add(ids.get(random.nextInt(ids.size())));
        }
        return issues;
    }

    /**
     * A Google-Alerts-style query for a company, alone in its filter: it must be narrow, since it is tried on every
     * article (each of the 288 coined names is in about one article in 200).
     */
    private KeywordQuery companyQuery() {
        WordLists.Organisation company = pick(WordLists.ORGANISATIONS);
        KeywordQuery name = new KeywordQuery.Term(null, company.name());
        double r = random.nextDouble();
        if (r < 0.3) {
            return name;
        }
        if (r < 0.45) {
            return new KeywordQuery.Phrase(null, ArticleWords.words(company.full()));
        }
        if (r < 0.55) {
            return new KeywordQuery.Term("title", company.name());
        }
        if (r < 0.65) {
            String word = ArticleWords.fold(company.name());
            return new KeywordQuery.Prefix(null, word.substring(0, word.length() - 1));
        }
        if (r < 0.8) {
            return KeywordQuery.or(name, new KeywordQuery.Term(null, pick(WordLists.ORGANISATIONS).name()));
        }
        if (r < 0.9) {
            return new KeywordQuery.Not(name, new KeywordQuery.Term(null, pick(countryWords)));
        }
        return KeywordQuery.and(name, subjectInEitherLanguage());
    }

    /** A query about a topic, to narrow a place or issues: a subject, an issue word or phrase, in various forms. */
    private KeywordQuery topicQuery() {
        WordLists.Subject subject = pick(WordLists.SUBJECTS);
        double r = random.nextDouble();
        if (r < 0.3) {
            return subjectInEitherLanguage();
        }
        if (r < 0.4) {
            return new KeywordQuery.Term(null, subject.es()); // accents in the query: café finds cafe and café
        }
        if (r < 0.5) {
            String en = ArticleWords.fold(subject.en());
            return new KeywordQuery.Prefix(null, en.substring(0, Math.max(4, en.length() - 2)));
        }
        if (r < 0.6) {
            return new KeywordQuery.Phrase(null, List.of("prices", "of", subject.en()));
        }
        if (r < 0.7) {
            return new KeywordQuery.Phrase(null, pick(issuePhrases));
        }
        if (r < 0.8) {
            return new KeywordQuery.Term("title", pick(issueWords));
        }
        if (r < 0.9) {
            return new KeywordQuery.Not(subjectInEitherLanguage(), new KeywordQuery.Term(null, pick(issueWords)));
        }
        return new KeywordQuery.Term(null, pick(issueWords));
    }

    private KeywordQuery subjectInEitherLanguage() {
        WordLists.Subject subject = pick(WordLists.SUBJECTS);
        return KeywordQuery.or(new KeywordQuery.Term(null, subject.en()),
                new KeywordQuery.Term(null, subject.es()));
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** Remembers filters that alert-service now holds, for {@link #matching}. */
    void add(List<Filter> added) {
        added.forEach(this::remember);
    }

    private void remember(Filter f) {
        filters.add(f);
        byId.put(f.id(), f);
        f.pairs().forEach(p -> byPair.computeIfAbsent(p, k -> new ArrayList<>()).add(f));
        f.countries().forEach(c -> byCountry.computeIfAbsent(c, k -> new ArrayList<>()).add(f));
        if (f.pairs().isEmpty() && f.countries().isEmpty()) {
            placeless.add(f);
        }
    }

    Filter get(UUID id) {
        return byId.get(id);
    }

    /**
     * Our own matcher, alert-service's documented rule: a pair, or the countries (any one; all of them for
     * "all"), when given; then one of the issues, when given; then the keyword query, when given, over the words
     * the generator wrote ({@code words}).
     */
    Set<UUID> matching(Set<String> pairs, Set<String> countries, Set<String> issues, ArticleWords words) {
        Set<UUID> out = new HashSet<>();
        List<Filter> candidates = new ArrayList<>(placeless);
        pairs.forEach(p -> candidates.addAll(byPair.getOrDefault(p, List.of())));
        countries.forEach(c -> candidates.addAll(byCountry.getOrDefault(c, List.of())));
        for (Filter f : candidates) {
            if (out.contains(f.id())) {
                continue;
            }
            boolean hasPlace = !f.pairs().isEmpty() || !f.countries().isEmpty();
            boolean place = f.pairs().stream().anyMatch(pairs::contains) || (f.allCountries()
                    ? countries.containsAll(f.countries()) : f.countries().stream().anyMatch(countries::contains));
            if (hasPlace && !place) {
                continue;
            }
            if (!f.issues().isEmpty() && f.issues().stream().noneMatch(issues::contains)) {
                continue;
            }
            if (f.query() != null && !f.query().matches(words)) {
                continue;
            }
            out.add(f.id());
        }
        return out;
    }

    /**
     * Creates {@code filters} through {@code POST /subscriptions} as the operator, one call each (the way a user
     * would), {@code clients} calls at a time. Returns them with the ids alert-service gave them, and the calls per
     * second in {@code rate[0]}.
     */
    static List<Filter> createThroughApi(String alertBaseUrl, String adminKey, List<Filter> filters,
            IntFunction<String> hookUrl, int clients, double[] rate) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<Filter>> created = new ArrayList<>();
            for (int n = 0; n < filters.size(); n++) {
                Filter f = filters.get(n);
                String body = apiBody(f, "bench api " + n, hookUrl.apply(n));
                created.add(pool.submit(() -> f.withId(create(http, alertBaseUrl, adminKey, body))));
            }
            List<Filter> out = new ArrayList<>();
            for (Future<Filter> f : created) {
                out.add(f.get());
            }
            rate[0] = filters.size() / ((System.nanoTime() - start) / 1e9);
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The JSON of {@code POST /subscriptions} for {@code f}: its filter as a user writes it, a webhook channel. */
    static String apiBody(Filter f, String name, String url) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        ObjectNode filter = body.putObject("filter");
        ArrayNode pairs = filter.putArray("pairs");
        f.pairs().forEach(pairs::add);
        ArrayNode countries = filter.putArray("countries");
        f.countries().forEach(countries::add);
        filter.put("countryMode", f.allCountries() ? "all" : "any");
        ArrayNode issues = filter.putArray("issues");
        f.issues().forEach(issues::add);
        if (f.query() != null) {
            filter.put("query", f.query().lucene());
        }
        body.putObject("channel").put("type", "webhook").put("url", url);
        return body.toString();
    }

    private static UUID create(HttpClient http, String alertBaseUrl, String adminKey, String body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(alertBaseUrl + "/subscriptions"))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("POST /subscriptions answered " + answer.statusCode() + ": "
                    + answer.body() + " for " + body);
        }
        return UUID.fromString(JSON.readTree(answer.body()).path("id").asText());
    }

    /**
     * Bulk load straight into alert-service's {@code subscriptions} table (owned by the operators' account, each
     * with a fresh {@code whsec_} signing secret), in batches of 1,000 rows. Every replica re-reads the table every
     * {@code dyad.alert.index.refresh-interval}, so the rows join the in-memory index without a restart; the caller
     * waits for the {@code dyad_alert_index_subscriptions} gauge to show them. Returns rows per second.
     */
    static double bulkInsert(String jdbcUrl, String user, String password, List<Filter> filters,
            IntFunction<String> hookUrl) throws SQLException {
        SecureRandom secrets = new SecureRandom();
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl + "?reWriteBatchedInserts=true", user, password);
                PreparedStatement insert = c.prepareStatement("INSERT INTO subscriptions (id, owner_id, name, pairs, "
                        + "countries, country_mode, issues, query, channel_type, channel_url, signing_secret) "
                        + "VALUES (?, ?::uuid, ?, ?, ?, ?, ?, ?, 'webhook', ?, ?)")) {
            c.setAutoCommit(false);
            int n = 0;
            for (Filter f : filters) {
                byte[] key = new byte[32];
                secrets.nextBytes(key);
                insert.setObject(1, f.id());
                insert.setString(2, ADMIN_USER_ID);
                insert.setString(3, "bench bulk " + n);
                insert.setArray(4, c.createArrayOf("text", f.pairs().toArray()));
                insert.setArray(5, c.createArrayOf("text", f.countries().toArray()));
                insert.setString(6, f.allCountries() ? "all" : "any");
                insert.setArray(7, c.createArrayOf("text", f.issues().toArray()));
                insert.setString(8, f.query() == null ? null : f.query().lucene());
                insert.setString(9, hookUrl.apply(n));
                insert.setString(10, "whsec_" + Base64.getEncoder().encodeToString(key));
                insert.addBatch();
                if (++n % 1000 == 0) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
        return filters.size() / ((System.nanoTime() - start) / 1e9);
    }
}
