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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The subscriptions of a run and our own copy of their filters, so that what should have been delivered can be
 * worked out independently of alert-service. Filters: 90 % pairs (1–3 pairs, 70 % of them narrowed to 1–3 issues),
 * 10 % single countries narrowed to 1–2 issues. A {@code hotShare} of them is about the countries the generator
 * writes about; the rest spread over every ISO 3166 code (the long tail that rarely matches, as for a real service).
 * Keyword queries are not generated: alert-service has no keyword filter yet.
 */
final class Subscriptions {

    static final String ADMIN_USER_ID = "00000000-0000-0000-0000-000000000001";

    /** A subscription's filter as alert-service applies it. */
    record Filter(UUID id, Set<String> pairs, Set<String> countries, Set<String> issues) {
    }

    private final Random random;
    private final double hotShare;
    private final List<String> hotCodes;
    private final List<String> allCodes;
    private final List<Filter> filters = new ArrayList<>();
    private final Map<String, List<Filter>> byPair = new HashMap<>();
    private final Map<String, List<Filter>> byCountry = new HashMap<>();

    Subscriptions(long seed, double hotShare) {
        this.random = new Random(seed);
        this.hotShare = hotShare;
        this.hotCodes = WordLists.COUNTRIES.stream().map(WordLists.Country::code).toList();
        this.allCodes = List.of(Locale.getISOCountries());
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
            List<String> codes = random.nextDouble() < hotShare ? hotCodes : allCodes;
            Set<String> pairs = new TreeSet<>();
            Set<String> countries = new TreeSet<>();
            Set<String> issues = new TreeSet<>();
            if (random.nextDouble() < 0.9) {
                int n = 1 + random.nextInt(3);
                while (pairs.size() < n) {
                    String a = codes.get(random.nextInt(codes.size()));
                    String b = codes.get(random.nextInt(codes.size()));
                    if (!a.equals(b)) {
                        pairs.add(a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a);
                    }
                }
                if (random.nextDouble() < 0.7) {
                    addIssues(issues, 1 + random.nextInt(3));
                }
            } else {
                countries.add(codes.get(random.nextInt(codes.size())));
                addIssues(issues, 1 + random.nextInt(2));
            }
            out.add(new Filter(UUID.randomUUID(), pairs, countries, issues));
        }
        return out;
    }

    private void addIssues(Set<String> issues, int n) {
        List<String> ids = ArticleGenerator.issueIds();
        while (issues.size() < n) {
            issues.add(ids.get(random.nextInt(ids.size())));
        }
    }

    /** Remembers filters that alert-service now holds, for {@link #matching}. */
    void add(List<Filter> added) {
        added.forEach(this::remember);
    }

    private void remember(Filter f) {
        filters.add(f);
        f.pairs().forEach(p -> byPair.computeIfAbsent(p, k -> new ArrayList<>()).add(f));
        f.countries().forEach(c -> byCountry.computeIfAbsent(c, k -> new ArrayList<>()).add(f));
    }

    /** Our own matcher (alert-service's documented rule): a pair or a country, then one of the issues if any. */
    Set<UUID> matching(Set<String> pairs, Set<String> countries, Set<String> issues) {
        Set<UUID> out = new java.util.HashSet<>();
        List<Filter> candidates = new ArrayList<>();
        pairs.forEach(p -> candidates.addAll(byPair.getOrDefault(p, List.of())));
        countries.forEach(c -> candidates.addAll(byCountry.getOrDefault(c, List.of())));
        for (Filter f : candidates) {
            if (f.issues().isEmpty() || f.issues().stream().anyMatch(issues::contains)) {
                out.add(f.id());
            }
        }
        return out;
    }

    /**
     * Creates {@code filters} through {@code POST /subscriptions} as the operator, one call each (the way a user
     * would); {@code created} receives them with the ids alert-service gave them. Returns calls per second.
     */
    static double createThroughApi(String alertBaseUrl, String adminKey, List<Filter> filters,
            IntFunction<String> hookUrl, List<Filter> created) throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        int n = 0;
        for (Filter f : filters) {
            ObjectNode body = json.createObjectNode().put("name", "bench api " + n);
            ObjectNode filter = body.putObject("filter");
            ArrayNode pairs = filter.putArray("pairs");
            f.pairs().forEach(pairs::add);
            ArrayNode countries = filter.putArray("countries");
            f.countries().forEach(countries::add);
            ArrayNode issues = filter.putArray("issues");
            f.issues().forEach(issues::add);
            body.putObject("channel").put("type", "webhook").put("url", hookUrl.apply(n));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(alertBaseUrl + "/subscriptions"))
                    .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("POST /subscriptions answered " + answer.statusCode() + ": "
                        + answer.body());
            }
            UUID id = UUID.fromString(json.readTree(answer.body()).path("id").asText());
            created.add(new Filter(id, f.pairs(), f.countries(), f.issues()));
            n++;
        }
        return n / ((System.nanoTime() - start) / 1e9);
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
                        + "countries, issues, channel_type, channel_url, signing_secret) "
                        + "VALUES (?, ?::uuid, ?, ?, ?, ?, 'webhook', ?, ?)")) {
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
                insert.setArray(6, c.createArrayOf("text", f.issues().toArray()));
                insert.setString(7, hookUrl.apply(n));
                insert.setString(8, "whsec_" + Base64.getEncoder().encodeToString(key));
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
