package io.dyad.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    private static RuntimeException wrapped(SQLException e) {
        return new IllegalStateException("JDBC exception executing SQL", new RuntimeException(e));
    }

    @Test
    void connectionLossDeadlocksAndPoolTimeoutsAreTransient() {
        assertThat(Failures.isTransient(wrapped(new SQLException("Connection refused", "08001")))).isTrue();
        assertThat(Failures.isTransient(wrapped(new SQLException("deadlock detected", "40P01")))).isTrue();
        assertThat(Failures.isTransient(wrapped(new SQLException("could not serialize", "40001")))).isTrue();
        assertThat(Failures.isTransient(wrapped(new SQLException("terminating connection", "57P01")))).isTrue();
        assertThat(Failures.isTransient(wrapped(new SQLException("too many connections", "53300")))).isTrue();
        assertThat(Failures.isTransient(wrapped(new SQLException("Sorry, acquisition timeout!")))).isTrue();
        assertThat(Failures.isTransient(new SQLTransientConnectionException("gone"))).isTrue();
    }

    @Test
    void dataAndIntegrityErrorsAndBugsRepeat() {
        assertThat(Failures.isTransient(wrapped(new SQLException("value too long", "22001")))).isFalse();
        assertThat(Failures.isTransient(wrapped(new SQLException("violates foreign key", "23503")))).isFalse();
        assertThat(Failures.isTransient(new NullPointerException("bug"))).isFalse();
    }

    @Test
    void rootMessageNamesTheInnermostCause() {
        assertThat(Failures.rootMessage(wrapped(new SQLException("Connection refused", "08001"))))
                .isEqualTo("SQLException: Connection refused");
    }
}
