package io.dyad.alert.auth;

import static io.dyad.alert.support.Api.as;
import static io.dyad.alert.support.Api.asAdmin;
import static io.dyad.alert.support.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.dyad.alert.support.Api.TestUser;
import io.dyad.alert.support.TestDatabase;
import io.dyad.alert.support.WebhookReceiver;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bearer keys, roles, owner filters and rate limits on every API route, with two real users. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "alert_test"))
class AccessTest {

    private static final String SOME_ID = UUID.randomUUID().toString();

    @Inject
    DataSource dataSource;

    private final String hookUrl = WebhookReceiver.url(WebhookReceiver.newHook());

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
    }

    static Stream<Arguments> everyRoute() {
        return Stream.of(
                Arguments.of("GET", "/subscriptions"),
                Arguments.of("POST", "/subscriptions"),
                Arguments.of("GET", "/subscriptions/" + SOME_ID),
                Arguments.of("DELETE", "/subscriptions/" + SOME_ID),
                Arguments.of("PATCH", "/subscriptions/" + SOME_ID),
                Arguments.of("GET", "/subscriptions/" + SOME_ID + "/deliveries"),
                Arguments.of("POST", "/subscriptions/" + SOME_ID + "/secret"),
                Arguments.of("POST", "/subscriptions/" + SOME_ID + "/enable"),
                Arguments.of("POST", "/subscriptions/preview"),
                Arguments.of("GET", "/subscriptions/" + SOME_ID + "/preview"),
                Arguments.of("POST", "/subscriptions/" + SOME_ID + "/feed"),
                Arguments.of("POST", "/subscriptions/" + SOME_ID + "/test"),
                Arguments.of("POST", "/subscriptions/" + SOME_ID + "/confirmation"),
                Arguments.of("GET", "/notices"),
                Arguments.of("POST", "/users"),
                Arguments.of("GET", "/users"),
                Arguments.of("GET", "/users/me"),
                Arguments.of("GET", "/users/" + SOME_ID),
                Arguments.of("GET", "/users/" + SOME_ID + "/api-keys"),
                Arguments.of("DELETE", "/users/" + SOME_ID + "/api-keys/" + SOME_ID),
                Arguments.of("GET", "/api-keys"),
                Arguments.of("POST", "/api-keys"),
                Arguments.of("DELETE", "/api-keys/" + SOME_ID));
    }

    static Stream<Arguments> adminRoutes() {
        return Stream.of(
                Arguments.of("POST", "/users"),
                Arguments.of("GET", "/users"),
                Arguments.of("GET", "/users/" + SOME_ID),
                Arguments.of("GET", "/users/" + SOME_ID + "/api-keys"),
                Arguments.of("DELETE", "/users/" + SOME_ID + "/api-keys/" + SOME_ID));
    }

    private static Response call(RequestSpecification spec, String method, String path) {
        return spec.contentType(ContentType.JSON).body(Map.of("name", "x")).when().request(method, path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyRoute")
    void everyRouteAnswers401WithoutAKeyOrWithAWrongOne(String method, String path) {
        for (RequestSpecification spec : List.of(given(),
                given().header("Authorization", "Bearer dyad_aaaaaaaaaaaa_" + "x".repeat(43)),
                given().header("Authorization", "Bearer " + Api2.adminKeyTypo()),
                given().header("Authorization", "Basic " + Api2.adminKeyTypo()))) {
            call(spec, method, path).then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("status", equalTo(401))
                    .body("detail", containsString("API key"));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminRoutes")
    void adminRoutesAnswer403ToUsers(String method, String path) {
        TestUser user = newUser("Ana");
        call(user.request(), method, path).then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("administrators"));
    }

    @Test
    void adminCreatesAUserWhoseKeyIsShownOnceAndStoredOnlyAsAHash() {
        var created = asAdmin().contentType(ContentType.JSON).body(Map.of("name", "Ana"))
                .when().post("/users").then().statusCode(201)
                .header("Location", containsString("/users/"))
                .body("name", equalTo("Ana"))
                .body("role", equalTo("user"))
                .body("apiKey.key", startsWith("dyad_"))
                .extract().jsonPath();
        String id = created.getString("id");
        String key = created.getString("apiKey.key");
        String prefix = created.getString("apiKey.prefix");
        assertThat(key).startsWith("dyad_" + prefix + "_").hasSizeGreaterThan(50);

        as(key).when().get("/users/me").then().statusCode(200).body("id", equalTo(id)).body("role", equalTo("user"));
        // listed by prefix, never the key
        as(key).when().get("/api-keys").then().statusCode(200)
                .body("prefix", equalTo(List.of(prefix)))
                .body("[0].key", nullValue())
                .body("[0]", not(hasItem(key)));
        asAdmin().when().get("/users/" + id + "/api-keys").then().statusCode(200)
                .body("prefix", equalTo(List.of(prefix))).body("[0].key", nullValue());
        asAdmin().when().get("/users").then().statusCode(200).body("id", hasItem(id));

        // the database holds the SHA-256 of the key, not the key
        Map<String, Object> row = row("SELECT prefix, key_hash FROM api_keys WHERE user_id = ?", UUID.fromString(id));
        assertThat(row.get("prefix")).isEqualTo(prefix);
        assertThat((byte[]) row.get("key_hash")).isEqualTo(sha256(key)).hasSize(32);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM api_keys WHERE key_hash = ?",
                key.getBytes(StandardCharsets.UTF_8))).isZero();
    }

    @Test
    void createUserRejectsBadInput() {
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "")).when().post("/users").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("name"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "Bo", "role", "root")).when().post("/users")
                .then().statusCode(400).body("detail", containsString("role \"root\""));
        asAdmin().contentType(ContentType.JSON).body("{\"name\":").when().post("/users").then().statusCode(400);
    }

    @Test
    void anAdminUserMadeByTheOperatorsCanUseAdminRoutes() {
        String key = asAdmin().contentType(ContentType.JSON).body(Map.of("name", "Ops", "role", "admin"))
                .when().post("/users").then().statusCode(201).body("role", equalTo("admin"))
                .extract().path("apiKey.key");
        as(key).when().get("/users").then().statusCode(200);
    }

    @Test
    void subscriptionsAreSeenAndChangedOnlyByTheirOwner() {
        TestUser ana = newUser("Ana");
        TestUser bo = newUser("Bo");
        String anas = subscribe(ana.request(), Map.of());
        String bos = subscribe(bo.request(), Map.of());

        ana.request().when().get("/subscriptions").then().statusCode(200).body("id", equalTo(List.of(anas)));
        bo.request().when().get("/subscriptions").then().statusCode(200).body("id", equalTo(List.of(bos)));
        // the operators' key lists its own subscriptions only, too
        asAdmin().when().get("/subscriptions").then().statusCode(200).body("id", equalTo(List.of()));

        for (RequestSpecification other : List.of(bo.request(), asAdmin())) {
            other.when().get("/subscriptions/" + anas).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        bo.request().when().get("/subscriptions/" + anas + "/deliveries").then().statusCode(404);
        for (RequestSpecification other : List.of(bo.request(), asAdmin())) {
            other.contentType(ContentType.JSON).body(Map.of("name", "taken over", "frequency", Map.of("type",
                    "hourly"))).when().patch("/subscriptions/" + anas).then().statusCode(404);
        }
        bo.request().when().post("/subscriptions/" + anas + "/secret").then().statusCode(404);
        bo.request().when().post("/subscriptions/" + anas + "/enable").then().statusCode(404);
        bo.request().when().get("/subscriptions/" + anas + "/preview").then().statusCode(404);
        bo.request().when().post("/subscriptions/" + anas + "/feed").then().statusCode(404);
        bo.request().when().post("/subscriptions/" + anas + "/test").then().statusCode(404);
        bo.request().when().post("/subscriptions/" + anas + "/confirmation").then().statusCode(404);
        asAdmin().when().post("/subscriptions/" + anas + "/test").then().statusCode(404);
        bo.request().when().delete("/subscriptions/" + anas).then().statusCode(404);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM subscriptions WHERE id = ?",
                UUID.fromString(anas))).isEqualTo(1);

        ana.request().when().get("/subscriptions/" + anas).then().statusCode(200);
        ana.request().when().get("/subscriptions/" + anas + "/deliveries").then().statusCode(200);
        ana.request().contentType(ContentType.JSON).body(Map.of("frequency", Map.of("type", "hourly")))
                .when().patch("/subscriptions/" + anas).then().statusCode(200);
        ana.request().when().post("/subscriptions/" + anas + "/secret").then().statusCode(200);
        ana.request().when().post("/subscriptions/" + anas + "/enable").then().statusCode(200);
        ana.request().when().get("/subscriptions/" + anas + "/preview").then().statusCode(200);
        ana.request().when().post("/subscriptions/" + anas + "/feed").then().statusCode(200);
        ana.request().when().delete("/subscriptions/" + anas).then().statusCode(204);
        bo.request().when().get("/subscriptions/" + bos).then().statusCode(200);
    }

    @Test
    void theOwnerComesFromTheKeyNeverFromTheBody() {
        TestUser ana = newUser("Ana");
        TestUser bo = newUser("Bo");
        String id = subscribe(ana.request(), Map.of("ownerId", bo.id(), "owner_id", bo.id(), "owner", bo.id()));

        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM subscriptions WHERE id = ? AND owner_id = ?",
                UUID.fromString(id), UUID.fromString(ana.id()))).isEqualTo(1);
        bo.request().when().get("/subscriptions/" + id).then().statusCode(404);

        // a user cannot make themselves admin either: POST /users is admin-only, and /api-keys takes only a name
        String key = ana.request().contentType(ContentType.JSON)
                .body(Map.of("name", "laptop", "userId", bo.id(), "role", "admin"))
                .when().post("/api-keys").then().statusCode(201).extract().path("key");
        as(key).when().get("/users/me").then().statusCode(200).body("id", equalTo(ana.id()))
                .body("role", equalTo("user"));
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnceAndOnlyItsOwnerOrAnAdminCanRevokeIt() {
        TestUser ana = newUser("Ana");
        TestUser bo = newUser("Bo");
        var second = ana.request().contentType(ContentType.JSON).body(Map.of("name", "ci"))
                .when().post("/api-keys").then().statusCode(201).extract().jsonPath();
        String secondKey = second.getString("key");
        String secondId = second.getString("id");
        as(secondKey).when().get("/subscriptions").then().statusCode(200);

        bo.request().when().delete("/api-keys/" + secondId).then().statusCode(404);
        as(secondKey).when().get("/subscriptions").then().statusCode(200);

        ana.request().when().delete("/api-keys/" + secondId).then().statusCode(204);
        as(secondKey).when().get("/subscriptions").then().statusCode(401);
        ana.request().when().get("/subscriptions").then().statusCode(200);
        ana.request().when().get("/api-keys").then().statusCode(200)
                .body("find { it.id == '" + secondId + "' }.revokedAt", not(nullValue()));

        // the operators revoke Ana's first key through the admin route
        String firstId = asAdmin().when().get("/users/" + ana.id() + "/api-keys").then().statusCode(200)
                .extract().path("find { it.name == 'initial' }.id");
        asAdmin().when().delete("/users/" + bo.id() + "/api-keys/" + firstId).then().statusCode(404);
        asAdmin().when().delete("/users/" + ana.id() + "/api-keys/" + firstId).then().statusCode(204);
        ana.request().when().get("/subscriptions").then().statusCode(401);
        bo.request().when().get("/subscriptions").then().statusCode(200);
    }

    @Test
    void eachKeyHasItsOwnRateLimitAnsweredWith429AndRetryAfter() {
        TestUser ana = newUser("Ana");
        TestUser bo = newUser("Bo");
        // 60 requests from 6 threads: on a crowded machine one request at a time can be slower than the refill
        // (%test: burst 20, 2 per second), so the budget would never run out
        long started = System.nanoTime();
        List<Response> responses = parallel(60, 6, () -> ana.request().when().get("/subscriptions"));
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        long ok = statuses.stream().filter(s -> s == 200).count();
        assertThat(statuses).as("statuses").containsOnly(200, 429).contains(429);
        assertThat(ok).as("200s in %.1f s", seconds).isBetween(20L, 20L + (long) Math.ceil(2 * seconds) + 1);
        Response limited = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        limited.then().contentType("application/problem+json").body("status", equalTo(429));
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 2);

        // another key is not affected, nor is the operators' bootstrap key
        bo.request().when().get("/subscriptions").then().statusCode(200);
        for (int i = 0; i < 30; i++) {
            asAdmin().when().get("/subscriptions").then().statusCode(200);
        }
        // the budget refills
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> ana.request().when().get("/subscriptions").statusCode() == 200);
    }

    private static List<Response> parallel(int requests, int threads, Callable<Response> call) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                futures.add(pool.submit(call));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private String subscribe(RequestSpecification spec, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "US–Mexico", "filter",
                Map.of("pairs", List.of("US-MX")), "channel", Map.of("type", "webhook", "url", hookUrl)));
        body.putAll(extra);
        return spec.contentType(ContentType.JSON).body(body).when().post("/subscriptions").then().statusCode(201)
                .extract().path("id");
    }

    private Map<String, Object> row(String sql, Object param) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, param);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String key) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Near misses of the operators' key. */
    private static final class Api2 {
        static String adminKeyTypo() {
            String k = io.dyad.alert.support.Api.adminKey();
            return k.substring(0, k.length() - 1) + (k.endsWith("1") ? "2" : "1");
        }
    }
}
