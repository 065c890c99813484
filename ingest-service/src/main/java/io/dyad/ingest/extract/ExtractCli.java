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
 * Usage: {@code ExtractCli [--model FILE | --rules] [--blocks FILE.tsv] <html-dir> <PRED.json> [passes]}.
 * {@code --model} uses another block model than the shipped one (cross-validation), {@code --rules} the rule-based
 * extractor alone; {@code --blocks} also writes every block's features and text (the trainer's input). With
 * {@code passes}, the pages are then extracted that many more times and the speed is printed as pages per CPU-second
 * of the extracting thread: on a shared machine wall-clock throughput (JMH) says more about the other processes than
 * about the extractor.
 */
public final class ExtractCli {

    private ExtractCli() {
    }

    public static void main(String[] arguments) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of(arguments));
        BlockModel model = null;
        boolean rulesOnly = false;
        Path blocksOut = null;
        while (!args.isEmpty() && args.get(0).startsWith("--") && args.size() > 1) {
            String option = args.remove(0);
            switch (option) {
                case "--model" -> model = BlockModel.load(Path.of(args.remove(0)));
                case "--rules" -> rulesOnly = true;
                case "--blocks" -> blocksOut = Path.of(args.remove(0));
                default -> args.clear();
            }
        }
        if (args.size() != 2 && args.size() != 3) {
            System.err.println("usage: ExtractCli [--model FILE | --rules] [--blocks FILE.tsv] <html-dir> <PRED.json>"
                    + " [passes]");
            System.exit(2);
        }
        ArticleExtractor extractor = rulesOnly ? new ArticleExtractor(null)
                : new ArticleExtractor(model != null ? model : BlockModel.shipped());
        java.io.Writer blocks = blocksOut == null ? null
                : Files.newBufferedWriter(blocksOut, java.nio.charset.StandardCharsets.UTF_8);
        if (blocks != null) {
            blocks.write("page\tblock\t" + String.join("\t", BlockFeatures.NAMES) + "\ttext\n");
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        List<Path> pages;
        try (Stream<Path> files = Files.list(Path.of(args.get(0)))) {
            pages = files.filter(p -> p.getFileName().toString().matches(".*\\.html?(\\.gz)?")).sorted().toList();
        }
        long started = System.nanoTime();
        for (Path page : pages) {
            String name = page.getFileName().toString();
            String id = name.substring(0, name.indexOf('.'));
            ArticleExtractor.Analysis analysis = extractor.analyse(read(page), null);
            ExtractedArticle a = analysis.article();
            if (blocks != null) {
                writeBlocks(blocks, id, analysis);
            }
            ObjectNode entry = out.putObject(id);
            entry.put("articleBody", a.text());
            entry.put("title", a.title());
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (blocks != null) {
            blocks.close();
        }
        json.writerWithDefaultPrettyPrinter().writeValue(Path.of(args.get(1)).toFile(), out);
        System.err.printf("%d pages extracted in %d ms -> %s%n", pages.size(), ms, args.get(1));
        if (args.size() == 3) {
            cpuSpeed(extractor, pages, Integer.parseInt(args.get(2)));
        }
    }

    private static void writeBlocks(java.io.Writer out, String id, ArticleExtractor.Analysis analysis)
            throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < analysis.blocks().size(); i++) {
            line.setLength(0);
            line.append(id).append('\t').append(i);
            for (double v : analysis.features()[i]) {
                line.append('\t');
                if (v == Math.rint(v)) {
                    line.append((long) v);
                } else {
                    line.append(String.format(java.util.Locale.ROOT, "%.5g", v));
                }
            }
            line.append('\t').append(analysis.blocks().get(i).text.replace('\t', ' ')).append('\n');
            out.write(line.toString());
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
