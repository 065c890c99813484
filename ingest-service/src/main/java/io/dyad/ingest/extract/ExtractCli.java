package io.dyad.ingest.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Runs the extractor over a directory of pages ({@code *.html} or {@code *.html.gz}) and writes the benchmark's
 * prediction format {@code {"<id>": {"articleBody": ..., "title": ...}}}, id = file name up to its first dot.
 * Usage: {@code ExtractCli <html-dir> <PRED.json>}.
 */
public final class ExtractCli {

    private ExtractCli() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ExtractCli <html-dir> <PRED.json>");
            System.exit(2);
        }
        ArticleExtractor extractor = new ArticleExtractor();
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        List<Path> pages;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            pages = files.filter(p -> p.getFileName().toString().matches(".*\\.html?(\\.gz)?")).sorted().toList();
        }
        long started = System.nanoTime();
        for (Path page : pages) {
            String name = page.getFileName().toString();
            String id = name.substring(0, name.indexOf('.'));
            ExtractedArticle a = extractor.extract(read(page), null);
            ObjectNode entry = out.putObject(id);
            entry.put("articleBody", a.text());
            entry.put("title", a.title());
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        json.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[1]).toFile(), out);
        System.err.printf("%d pages extracted in %d ms -> %s%n", pages.size(), ms, args[1]);
    }

    /** The page's text, decoded with the charset its meta tag declares (UTF-8 when none). */
    public static String read(Path page) throws IOException {
        try (InputStream in = page.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(page)) : Files.newInputStream(page)) {
            return PageDecoder.decode(in.readAllBytes(), null);
        }
    }
}
