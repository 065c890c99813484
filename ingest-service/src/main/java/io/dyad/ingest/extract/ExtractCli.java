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
 * Usage: {@code ExtractCli <html-dir> <PRED.json> [passes]}. With {@code passes}, the pages are then extracted that
 * many more times and the speed is printed as pages per CPU-second of the extracting thread: on a shared machine
 * wall-clock throughput (JMH) says more about the other processes than about the extractor.
 */
public final class ExtractCli {

    private ExtractCli() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: ExtractCli <html-dir> <PRED.json> [passes]");
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
        if (args.length == 3) {
            cpuSpeed(extractor, pages, Integer.parseInt(args[2]));
        }
    }

    /** Pages per CPU-second over {@code passes} passes, after the first pass above warmed the JIT. */
    private static void cpuSpeed(ArticleExtractor extractor, List<Path> pages, int passes) throws IOException {
        List<String> html = new java.util.ArrayList<>();
        for (Path page : pages) {
            html.add(read(page));
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        int checksum = 0;
        for (int pass = 0; pass < passes; pass++) {
            for (String page : html) {
                checksum += extractor.extract(page, null).text().length();
            }
        }
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        int extracted = passes * html.size();
        System.err.printf("%d extractions: %.0f pages per CPU-second (%.0f per wall-second; checksum %d)%n",
                extracted, extracted / cpuSeconds, extracted / wallSeconds, checksum);
    }

    /** The page's text, decoded with the charset its meta tag declares (UTF-8 when none). */
    public static String read(Path page) throws IOException {
        try (InputStream in = page.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(page)) : Files.newInputStream(page)) {
            return PageDecoder.decode(in.readAllBytes(), null);
        }
    }
}
