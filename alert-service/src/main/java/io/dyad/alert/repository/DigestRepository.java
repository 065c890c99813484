package io.dyad.alert.repository;

import io.dyad.alert.digest.FrequencySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Digest windows in SQL: the open window per digest subscription ({@code digest_schedules}), closing a window (its
 * QUEUED story rows become DIGESTED under one new digest delivery row) and the stories of a digest. Closers on several
 * replicas lock due windows with {@code FOR UPDATE SKIP LOCKED}, and the unique (subscription, window end) index of
 * digest rows is a second guard, so a window becomes at most one digest.
 */
@ApplicationScoped
public class DigestRepository {

    private static final String LOCK_DUE = """
            SELECT g.subscription_id, g.window_start, g.window_end, s.frequency, s.digest_time, s.digest_day,
                   s.time_zone
            FROM digest_schedules g JOIN subscriptions s ON s.id = g.subscription_id
            WHERE g.window_end <= ?
            ORDER BY g.window_end
            LIMIT ?
            FOR UPDATE OF g SKIP LOCKED
            """;

    private static final String INSERT_DIGEST = """
            INSERT INTO deliveries (id, subscription_id, kind, channel_type, window_start, window_end, status,
                                    next_attempt_at)
            SELECT ?, s.id, 'digest', s.channel_type, ?, ?, 'PENDING', now() FROM subscriptions s WHERE s.id = ?
            ON CONFLICT DO NOTHING
            """;

    private static final String ATTACH = """
            UPDATE deliveries SET status = 'DIGESTED', digest_id = ?
            WHERE subscription_id = ? AND status = 'QUEUED' AND kind = 'story' AND created_at < ?
            """;

    // what the digest row shows in GET …/deliveries: the number of stories and the union of what matched
    private static final String SUMMARISE = """
            UPDATE deliveries g SET story_count = ?,
                matched_pairs = ARRAY(SELECT DISTINCT unnest(d.matched_pairs) FROM deliveries d
                                      WHERE d.digest_id = g.id ORDER BY 1),
                matched_countries = ARRAY(SELECT DISTINCT unnest(d.matched_countries) FROM deliveries d
                                          WHERE d.digest_id = g.id ORDER BY 1),
                matched_issues = ARRAY(SELECT DISTINCT unnest(d.matched_issues) FROM deliveries d
                                       WHERE d.digest_id = g.id ORDER BY 1)
            WHERE g.id = ?
            """;

    private static final String ITEMS = """
            SELECT d.story_id, d.article_id, d.matched_pairs, d.matched_countries, d.matched_issues, d.created_at,
                   a.payload::text
            FROM deliveries d JOIN articles a ON a.article_id = d.article_id
            WHERE d.digest_id = ?
            ORDER BY d.created_at, d.id
            """;

    @Inject
    Session session;

    /** A due window, locked for this transaction, with the subscription's frequency. */
    public record DueWindow(UUID subscriptionId, Instant windowStart, Instant windowEnd, FrequencySettings settings) {
    }

    /** One story row of a digest: what matched, when, and the stored TaggedArticle JSON. */
    public record DigestItem(String storyId, String articleId, List<String> pairs, List<String> countries,
            List<String> issues, Instant matchedAt, String articlePayload) {
    }

    /**
     * Opens (or re-times, keeping its start) the window of a digest subscription: the next window ends at
     * {@code end}; stories matched from {@code start} on wait for it.
     */
    public void openWindow(UUID subscriptionId, Instant start, Instant end) {
        update("""
                INSERT INTO digest_schedules (subscription_id, window_start, window_end) VALUES (?, ?, ?)
                ON CONFLICT (subscription_id) DO UPDATE SET window_end = excluded.window_end
                """, subscriptionId, start, end);
    }

    /** The open window of a subscription, locked until the transaction ends (waits for a closer); null if none. */
    public DueWindow lockWindow(UUID subscriptionId) {
        List<DueWindow> found = windows("""
                SELECT g.subscription_id, g.window_start, g.window_end, s.frequency, s.digest_time, s.digest_day,
                       s.time_zone
                FROM digest_schedules g JOIN subscriptions s ON s.id = g.subscription_id
                WHERE g.subscription_id = ? FOR UPDATE OF g
                """, subscriptionId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The open window ends of these subscriptions (those that have one). */
    public java.util.Map<UUID, Instant> windowEnds(java.util.Collection<UUID> subscriptionIds) {
        java.util.Map<UUID, Instant> out = new java.util.HashMap<>();
        if (subscriptionIds.isEmpty()) {
            return out;
        }
        return session.doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT subscription_id, window_end FROM digest_schedules WHERE subscription_id = ANY (?)")) {
                query.setArray(1, connection.createArrayOf("uuid", subscriptionIds.toArray()));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getObject(1, UUID.class), instant(rs, 2));
                    }
                }
                return out;
            }
        });
    }

    public void dropWindow(UUID subscriptionId) {
        update("DELETE FROM digest_schedules WHERE subscription_id = ?", subscriptionId);
    }

    /** Up to {@code limit} windows that ended at or before {@code now}, locked; those other closers hold are skipped. */
    public List<DueWindow> lockDue(Instant now, int limit) {
        return windows(LOCK_DUE, now, limit);
    }

    /**
     * Closes the window [start, end) of a subscription: a digest delivery row (PENDING, due now) carrying every QUEUED
     * story matched before {@code end}. Nothing is written for an empty window, and nothing when the window already has
     * a digest. Returns the number of stories in the new digest (0 = none made).
     */
    public int closeWindow(UUID subscriptionId, UUID digestId, Instant start, Instant end) {
        if (update(INSERT_DIGEST, digestId, start, end, subscriptionId) == 0) {
            return 0; // already closed (or the subscription is gone)
        }
        int stories = update(ATTACH, digestId, subscriptionId, end);
        if (stories == 0) {
            update("DELETE FROM deliveries WHERE id = ?", digestId);
            return 0;
        }
        update(SUMMARISE, stories, digestId);
        return stories;
    }

    /** The window after a close: from {@code start} (the closed window's end) to {@code end}. */
    public void advance(UUID subscriptionId, Instant start, Instant end) {
        update("UPDATE digest_schedules SET window_start = ?, window_end = ? WHERE subscription_id = ?", start, end,
                subscriptionId);
    }

    /**
     * Stories left QUEUED by a subscription that is no longer a digest one (an intake that read the old frequency
     * committed after the switch) go out as ordinary alerts.
     */
    public int releaseStrayQueued() {
        return update("""
                UPDATE deliveries d SET status = 'PENDING', next_attempt_at = now()
                FROM subscriptions s
                WHERE d.subscription_id = s.id AND d.status = 'QUEUED' AND s.frequency = 'immediate'
                """);
    }

    /** The stories of a digest, in the order they matched. */
    public List<DigestItem> items(UUID digestId) {
        return session.doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement(ITEMS)) {
                query.setObject(1, digestId);
                List<DigestItem> out = new ArrayList<>();
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DigestItem(rs.getString(1), rs.getString(2), strings(rs.getArray(3)),
                                strings(rs.getArray(4)), strings(rs.getArray(5)), instant(rs, 6), rs.getString(7)));
                    }
                }
                return out;
            }
        });
    }

    private List<DueWindow> windows(String sql, Object... params) {
        return session.doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                bind(query, params);
                List<DueWindow> out = new ArrayList<>();
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        Time time = rs.getTime(5);
                        out.add(new DueWindow(rs.getObject(1, UUID.class), instant(rs, 2), instant(rs, 3),
                                FrequencySettings.stored(rs.getString(4), time == null ? null : time.toLocalTime(),
                                        rs.getString(6), rs.getString(7))));
                    }
                }
                return out;
            }
        });
    }

    private int update(String sql, Object... params) {
        return session.doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                return statement.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            statement.setObject(i + 1, p instanceof Instant at ? OffsetDateTime.ofInstant(at, ZoneOffset.UTC) : p);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}
