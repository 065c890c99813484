package io.dyad.ingest.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Synthetic article pages written for the tests, under src/test/resources/pages. */
public final class TestPages {

    private TestPages() {
    }

    public static String page(String name) throws IOException {
        try (InputStream in = TestPages.class.getResourceAsStream("/pages/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
