package io.dyad.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} class a real PostgreSQL database (init arg {@code database}, default {@code dyad_test})
 * on {@link LocalPostgres#shared()}. The environment variable {@code DYAD_TEST_DB_SUFFIX} (letters, digits, '_') is
 * appended to the name, so two checkouts can run their test suites against one server without sharing rows.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private String database = "dyad_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database)
                + System.getenv().getOrDefault("DYAD_TEST_DB_SUFFIX", "");
    }

    @Override
    public Map<String, String> start() {
        LocalPostgres pg = LocalPostgres.shared();
        pg.createDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(database),
                "quarkus.datasource.username", LocalPostgres.USER,
                "quarkus.datasource.password", LocalPostgres.PASSWORD);
    }

    @Override
    public void stop() {
        // the shared server outlives test classes; a throwaway one is stopped when the JVM exits
    }
}
