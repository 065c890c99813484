package io.dyad.ingest.story;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hibernate.Session;

/** Near-duplicate lookup in {@code seen_articles} by LSH band keys. Call inside the ingest transaction. */
@ApplicationScoped
public class StoryRepository {

    /** An earlier article sharing at least one band with the new one. */
    public record Candidate(String articleId, String storyId, int[] signature) {
    }

    @Inject
    EntityManager em;

    /**
     * Takes a transaction-scoped advisory lock per band key (in sorted order, so two transactions never deadlock):
     * two replicas ingesting copies of one story at the same moment are serialised, and the second sees the first's
     * committed row when it looks for candidates.
     */
    public void lockBands(long[] bands) {
        long[] sorted = bands.clone();
        Arrays.sort(sorted);
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement lock = c.prepareStatement(
                    "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(?::bigint[]) AS k")) {
                lock.setArray(1, longs(c, sorted));
                lock.executeQuery().close();
            }
        });
    }

    /** Earlier articles first seen at or after {@code since} that share a band key, oldest first. */
    public List<Candidate> candidates(long[] bands, Instant since, int limit) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            List<Candidate> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT article_id, story_id, minhash FROM seen_articles "
                            + "WHERE lsh_bands && ?::bigint[] AND first_seen_at >= ? AND minhash IS NOT NULL "
                            + "ORDER BY first_seen_at, article_id LIMIT ?")) {
                q.setArray(1, longs(c, bands));
                q.setTimestamp(2, Timestamp.from(since));
                q.setInt(3, limit);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Candidate(rs.getString(1), rs.getString(2), MinHasher.fromBytes(rs.getBytes(3))));
                    }
                }
            }
            return out;
        });
    }

    /** Stores the signature of an article whose seen row this transaction inserted. */
    public void storeSignature(String articleId, int[] signature, long[] bands) {
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement u = c.prepareStatement(
                    "UPDATE seen_articles SET minhash = ?, lsh_bands = ?::bigint[] WHERE article_id = ?")) {
                u.setBytes(1, MinHasher.toBytes(signature));
                u.setArray(2, longs(c, bands));
                u.setString(3, articleId);
                u.executeUpdate();
            }
        });
    }

    private static Array longs(Connection c, long[] values) throws SQLException {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return c.createArrayOf("bigint", boxed);
    }
}
