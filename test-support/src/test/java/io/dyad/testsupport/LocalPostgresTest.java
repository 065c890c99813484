package io.dyad.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class LocalPostgresTest {

    @Test
    void createsDatabasesThatAcceptConnections() throws Exception {
        LocalPostgres pg = LocalPostgres.shared();
        pg.createDatabase("support_check");
        pg.createDatabase("support_check"); // idempotent
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("support_check"), LocalPostgres.USER,
                LocalPostgres.PASSWORD); ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("support_check");
        }
    }
}
