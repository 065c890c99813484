package io.dyad.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing a broker's, a cluster's or a test's data directories after a run. */
public final class DirectoryTrees {

    private DirectoryTrees() {
    }

    /** Deletes a directory tree, best effort (a broker or cluster may have left files while stopping). */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left for mvn clean or the OS's tmp cleaning
        }
    }
}
