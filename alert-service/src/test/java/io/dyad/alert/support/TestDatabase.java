package io.dyad.alert.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Direct SQL for tests: a clean slate between tests, and checks that do not go through the code under test. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static void truncateAll(DataSource ds) {
        execute(ds, "TRUNCATE confirmation_mails, owner_notices, digest_schedules, deliveries, subscriptions, articles, api_keys, email_suppressions");
        // the operators' account (made by the migration) stays
        execute(ds, "DELETE FROM users WHERE role <> 'admin' OR id <> '00000000-0000-0000-0000-000000000001'");
    }

    public static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static long count(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
