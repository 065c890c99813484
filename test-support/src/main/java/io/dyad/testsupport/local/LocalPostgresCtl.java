package io.dyad.testsupport.local;

import io.dyad.testsupport.LocalPostgres;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * The local launcher's PostgreSQL: {@code start <dataDir> <port> <database>...} initialises (first time), starts the
 * cluster and creates the databases; {@code stop <dataDir> <port>} stops it.
 */
public final class LocalPostgresCtl {

    private LocalPostgresCtl() {
    }

    public static void main(String[] args) {
        if (args.length < 3 || !Arrays.asList("start", "stop", "create").contains(args[0])) {
            System.err.println("usage: LocalPostgresCtl start <dataDir> <port> <database>... | stop <dataDir> <port>"
                    + " | create <host> <port> <database>...");
            System.exit(2);
        }
        int port = Integer.parseInt(args[2]);
        if ("create".equals(args[0])) {
            LocalPostgres pg = LocalPostgres.existing(args[1], port);
            Arrays.stream(args, 3, args.length).forEach(pg::createDatabase);
            return;
        }
        if ("stop".equals(args[0])) {
            LocalPostgres.cluster(Paths.get(args[1]), port).stop();
            return;
        }
        LocalPostgres pg = LocalPostgres.startCluster(Paths.get(args[1]), port, false);
        Arrays.stream(args, 3, args.length).forEach(pg::createDatabase);
        System.out.println("PostgreSQL ready on " + pg.host() + ":" + pg.port());
    }
}
