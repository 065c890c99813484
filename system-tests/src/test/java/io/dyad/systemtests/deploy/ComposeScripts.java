package io.dyad.systemtests.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the compose stack's scripts declare, read from their text. */
final class ComposeScripts {

    static final String INIT_DATABASES = "deploy/compose/postgres/init-databases.sh";
    static final String CREATE_TOPICS = "deploy/compose/kafka/create-topics.sh";

    /** {@code create_service_database <db> <role> "${PASSWORD_VARIABLE...}"} calls (not the function's definition). */
    private static final Pattern CREATE_DATABASE = Pattern.compile(
            "(?m)^create_service_database\\s+(\\w+)\\s+(\\w+)\\s+\"\\$\\{(\\w+)[^}]*}\"");

    private ComposeScripts() {
    }

    /** Database → owning role, as init-databases.sh creates them. */
    static Map<String, String> databasesAndOwners() {
        Map<String, String> owners = new LinkedHashMap<>();
        Matcher m = CREATE_DATABASE.matcher(Repo.read(INIT_DATABASES));
        while (m.find()) {
            owners.put(m.group(1), m.group(2));
        }
        return owners;
    }

    /** The environment variable init-databases.sh takes the password of {@code database}'s role from. */
    static String passwordVariableOf(String database) {
        Matcher m = CREATE_DATABASE.matcher(Repo.read(INIT_DATABASES));
        while (m.find()) {
            if (m.group(1).equals(database)) {
                return m.group(3);
            }
        }
        throw new AssertionError(INIT_DATABASES + " creates no database " + database);
    }
}
