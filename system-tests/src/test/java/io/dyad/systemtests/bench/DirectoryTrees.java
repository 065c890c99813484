package io.dyad.systemtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the broker's and the cluster's data directories after a run. */
final class DirectoryTrees {

    private DirectoryTrees() {
    }

    /** Deletes a directory tree, best effort (a broker or cluster may have left files while stopping). */
    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left for the OS's tmp cleaning
        }
    }
}
