package io.dyad.classify.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the classifier's versioned TSV resources: '#' comments and blank lines skipped, optional header row. */
public final class ResourceFiles {

    private ResourceFiles() {
    }

    /** The rows of a classpath TSV file, split on tabs; {@code header} names the first column of a header to skip. */
    public static List<String[]> readTsv(String resource, String header) {
        InputStream in = ResourceFiles.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("classifier resource " + resource + " is missing from the classpath");
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                if (header != null && cols[0].equals(header)) {
                    continue;
                }
                rows.add(cols);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return rows;
    }
}
