package io.dyad.alert.repository;

import io.dyad.alert.matching.Match;
import io.dyad.alert.model.Delivery;
import io.dyad.alert.model.DeliveryStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The delivery outbox. Rows of a disabled subscription, or of an e-mail subscription whose address is not confirmed,
 * are not claimed: they stay PENDING ("parked") until it is enabled or confirmed. Writes use plain SQL: insert-if-absent on (subscription, story, channel) and claims with
 * {@code FOR UPDATE SKIP LOCKED}, so workers on several replicas never take the same row at once.
 */
@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, UUID> {

    // A digest subscription's match is QUEUED (recorded, not sent) until its window closes; the unique key keeps the
    // story out of every later window. The channel comes from the subscription row itself, and a subscription deleted or disabled meanwhile (the index
    // may lag by a few seconds) simply inserts nothing.
    private static final String INSERT_PENDING = """
            INSERT INTO deliveries (id, subscription_id, story_id, article_id, channel_type,
                                    matched_pairs, matched_countries, matched_issues, status)
            SELECT ?, s.id, ?, ?, s.channel_type, ?, ?, ?,
                   CASE WHEN s.frequency = 'immediate' THEN 'PENDING' ELSE 'QUEUED' END
            FROM subscriptions s WHERE s.id = ? AND s.disabled_at IS NULL
            ON CONFLICT (subscription_id, story_id, channel_type) DO NOTHING
            """;

    // INSERT_PENDING for many matches (of many articles) at once. Matched codes and issue ids never hold a comma, so
    // each row's lists travel as one comma-joined text ('' is the empty list).
    private static final String INSERT_ALL_PENDING = """
            INSERT INTO deliveries (id, subscription_id, story_id, article_id, channel_type,
                                    matched_pairs, matched_countries, matched_issues, status)
            SELECT m.id, s.id, m.story_id, m.article_id, s.channel_type, string_to_array(m.pairs, ','),
                   string_to_array(m.countries, ','), string_to_array(m.issues, ','),
                   CASE WHEN s.frequency = 'immediate' THEN 'PENDING' ELSE 'QUEUED' END
            FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                 AS m(id, subscription_id, story_id, article_id, pairs, countries, issues, n)
            JOIN subscriptions s ON s.id = m.subscription_id AND s.disabled_at IS NULL
            ORDER BY m.n
            ON CONFLICT (subscription_id, story_id, channel_type) DO NOTHING
            RETURNING article_id
            """;

    private static final String CLAIM_DUE = """
            WITH due AS (
                SELECT d.id FROM deliveries d
                WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
                  AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = d.subscription_id AND s.disabled_at IS NULL
                              AND (s.channel_type <> 'email' OR s.email_confirmed_at IS NOT NULL))
                ORDER BY d.next_attempt_at
                LIMIT ?
                FOR UPDATE OF d SKIP LOCKED
            ), claimed AS (
                UPDATE deliveries d
                SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ?)
                FROM due WHERE d.id = due.id
                RETURNING d.id, d.subscription_id, d.story_id, d.article_id, d.channel_type, d.matched_pairs,
                          d.matched_countries, d.matched_issues, d.attempts, d.created_at, d.kind, d.window_start,
                          d.window_end
            )
            SELECT c.id, c.subscription_id, s.name, c.channel_type, s.channel_url, c.story_id, c.article_id,
                   c.matched_pairs, c.matched_countries, c.matched_issues, c.attempts, c.created_at,
                   a.published_at,
                   s.signing_secret,
                   CASE WHEN s.previous_secret_until > now() THEN s.previous_signing_secret END,
                   c.kind, c.window_start, c.window_end
            FROM claimed c
            JOIN subscriptions s ON s.id = c.subscription_id
            LEFT JOIN articles a ON a.article_id = c.article_id
            """;

    // attempts guards against a worker whose lease ran out recording over a newer attempt of another worker;
    // a success keeps the error of an earlier failed attempt, so the history stays visible.
    private static final String RECORD = """
            UPDATE deliveries
            SET status = ?, next_attempt_at = now() + make_interval(secs => ?), last_error = coalesce(?, last_error),
                attempts = attempts - ?,
                last_status_code = ?,
                sent_at = CASE WHEN ? THEN now() ELSE sent_at END
            WHERE id = ? AND attempts = ? AND status = 'PENDING'
            """;

    // The hot path's success: one statement for a whole batch of sent alerts (the same effect as RECORD with SENT).
    private static final String RECORD_SENT = """
            UPDATE deliveries d
            SET status = 'SENT', next_attempt_at = now(), last_status_code = u.code, sent_at = now()
            FROM unnest(?::uuid[], ?::int[], ?::int[]) AS u(id, attempt, code)
            WHERE d.id = u.id AND d.attempts = u.attempt AND d.status = 'PENDING'
            RETURNING d.id
            """;

    private static final String RELEASE = """
            UPDATE deliveries SET attempts = attempts - 1, next_attempt_at = now()
            WHERE id = ? AND attempts = ? AND status = 'PENDING'
            """;

    @Inject
    Session session;

    /** One PENDING row per match unless the subscription already has one for this story; the number inserted. */
    public int insertPending(List<Match> matches, String storyId, String articleId) {
        if (matches.isEmpty()) {
            return 0;
        }
        return session.doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_PENDING)) {
                for (Match match : matches) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, storyId);
                    insert.setString(3, articleId);
                    insert.setArray(4, textArray(connection, match.pairs()));
                    insert.setArray(5, textArray(connection, match.countries()));
                    insert.setArray(6, textArray(connection, match.issues()));
                    insert.setObject(7, match.subscription().id());
                    insert.addBatch();
                }
                int inserted = 0;
                for (int count : insert.executeBatch()) {
                    inserted += Math.max(count, 0);
                }
                return inserted;
            }
        });
    }

    /** One match of one article, to be queued by {@link #insertAllPending}. */
    public record PendingMatch(String articleId, String storyId, Match match) {
    }

    /**
     * {@link #insertPending} for the matches of many articles in one statement; how many rows it queued per
     * articleId. Rows go in the order given: callers sort them, so concurrent batches lock in one order.
     */
    public Map<String, Integer> insertAllPending(List<PendingMatch> rows) {
        Map<String, Integer> queued = new HashMap<>();
        if (rows.isEmpty()) {
            return queued;
        }
        int n = rows.size();
        UUID[] ids = new UUID[n];
        UUID[] subscriptions = new UUID[n];
        String[] stories = new String[n];
        String[] articles = new String[n];
        String[] pairs = new String[n];
        String[] countries = new String[n];
        String[] issues = new String[n];
        for (int i = 0; i < n; i++) {
            PendingMatch row = rows.get(i);
            ids[i] = UUID.randomUUID();
            subscriptions[i] = row.match().subscription().id();
            stories[i] = row.storyId();
            articles[i] = row.articleId();
            pairs[i] = String.join(",", row.match().pairs());
            countries[i] = String.join(",", row.match().countries());
            issues[i] = String.join(",", row.match().issues());
        }
        return session.doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ALL_PENDING)) {
                insert.setArray(1, connection.createArrayOf("uuid", ids));
                insert.setArray(2, connection.createArrayOf("uuid", subscriptions));
                insert.setArray(3, connection.createArrayOf("text", stories));
                insert.setArray(4, connection.createArrayOf("text", articles));
                insert.setArray(5, connection.createArrayOf("text", pairs));
                insert.setArray(6, connection.createArrayOf("text", countries));
                insert.setArray(7, connection.createArrayOf("text", issues));
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        queued.merge(rs.getString(1), 1, Integer::sum);
                    }
                }
                return queued;
            }
        });
    }

    /** The current secret first, then the previous one while a rotation's grace period lasts. */
    private static List<String> secrets(String current, String previous) {
        List<String> out = new ArrayList<>(2);
        if (current != null) {
            out.add(current);
        }
        if (previous != null) {
            out.add(previous);
        }
        return List.copyOf(out);
    }

    /** Claims up to {@code limit} due rows for one attempt each, hiding them from other workers for {@code lease}. */
    public List<ClaimedDelivery> claimDue(int limit, Duration lease) {
        return session.doReturningWork(connection -> {
            try (PreparedStatement claim = connection.prepareStatement(CLAIM_DUE)) {
                claim.setInt(1, limit);
                claim.setDouble(2, lease.toMillis() / 1000.0);
                List<ClaimedDelivery> out = new ArrayList<>();
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ClaimedDelivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                strings(rs.getArray(8)), strings(rs.getArray(9)), strings(rs.getArray(10)),
                                rs.getInt(11), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)),
                                null, secrets(rs.getString(14), rs.getString(15)),
                                rs.getString(16), instant(rs.getTimestamp(17)), instant(rs.getTimestamp(18))));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Records the result of attempt {@code attempt}: {@code status}, the wait before the next attempt (PENDING only),
     * the last error and HTTP status. False when the row moved on meanwhile (deleted, or re-claimed after the lease).
     */
    public boolean recordAttempt(UUID id, int attempt, DeliveryStatus status, Duration retryIn, String lastError,
            Integer statusCode, boolean uncounted) {
        return session.doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(RECORD)) {
                update.setString(1, status.name());
                update.setDouble(2, retryIn == null ? 0 : retryIn.toMillis() / 1000.0);
                update.setString(3, lastError);
                update.setInt(4, uncounted ? 1 : 0);
                if (statusCode == null) {
                    update.setNull(5, Types.INTEGER);
                } else {
                    update.setInt(5, statusCode);
                }
                update.setBoolean(6, status == DeliveryStatus.SENT);
                update.setObject(7, id);
                update.setInt(8, attempt);
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * Records a batch of successful attempts ({@code ids[i]} sent at attempt {@code attempts[i]}, answered
     * {@code codes[i]}); returns the ids recorded (a row re-claimed after its lease or deleted meanwhile is not).
     */
    public Set<UUID> recordSent(UUID[] ids, Integer[] attempts, Integer[] codes) {
        return session.doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(RECORD_SENT)) {
                update.setArray(1, connection.createArrayOf("uuid", ids));
                update.setArray(2, connection.createArrayOf("int4", attempts));
                update.setArray(3, connection.createArrayOf("int4", codes));
                Set<UUID> recorded = new HashSet<>();
                try (ResultSet rs = update.executeQuery()) {
                    while (rs.next()) {
                        recorded.add(rs.getObject(1, UUID.class));
                    }
                }
                return recorded;
            }
        });
    }

    /** Undoes a claim that was not used: the attempt is not counted and the row is due again at once. */
    public boolean release(UUID id, int attempt) {
        return session.doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(RELEASE)) {
                update.setObject(1, id);
                update.setInt(2, attempt);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** The newest deliveries of one subscription with their article's publication time (may be null). */
    public List<DeliveryWithArticle> listForSubscription(UUID subscriptionId, DeliveryStatus status, int limit) {
        // digest rows have no article of their own
        String jpql = "select d, a.publishedAt from Delivery d left join StoredArticle a on a.articleId = d.articleId"
                + " where d.subscriptionId = :sid"
                + (status == null ? "" : " and d.status = :status")
                + " order by d.createdAt desc, d.id";
        var query = getEntityManager().createQuery(jpql, Object[].class)
                .setParameter("sid", subscriptionId)
                .setMaxResults(limit);
        if (status != null) {
            query.setParameter("status", status);
        }
        List<DeliveryWithArticle> out = new ArrayList<>();
        for (Object[] row : query.getResultList()) {
            out.add(new DeliveryWithArticle((Delivery) row[0], (Instant) row[1]));
        }
        return out;
    }

    public record DeliveryWithArticle(Delivery delivery, Instant publishedAt) {
    }

    private static Array textArray(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(String[]::new));
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return List.copyOf(Arrays.asList((String[]) array.getArray()));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static final String FEED = """
            SELECT d.id, d.created_at, d.matched_pairs, d.matched_countries, d.matched_issues, a.payload::text
            FROM deliveries d JOIN articles a ON a.article_id = d.article_id
            WHERE d.subscription_id = ?
            ORDER BY d.created_at DESC, d.id
            LIMIT ?
            """;

    /** One matched story of a subscription, for its Atom feed: the stored TaggedArticle JSON and what matched. */
    public record FeedEntry(UUID deliveryId, Instant matchedAt, List<String> pairs, List<String> countries,
            List<String> issues, String articlePayload) {
    }

    /** The newest {@code limit} matched stories of a subscription. */
    public List<FeedEntry> feedEntries(UUID subscriptionId, int limit) {
        return session.doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement(FEED)) {
                query.setObject(1, subscriptionId);
                query.setInt(2, limit);
                List<FeedEntry> out = new ArrayList<>();
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        out.add(new FeedEntry(rs.getObject(1, UUID.class), instant(rs.getTimestamp(2)),
                                strings(rs.getArray(3)), strings(rs.getArray(4)), strings(rs.getArray(5)),
                                rs.getString(6)));
                    }
                }
                return out;
            }
        });
    }
}
