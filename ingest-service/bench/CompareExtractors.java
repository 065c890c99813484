import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Pages per CPU-second of two builds of the extractor in one JVM, page by page in alternation (A then B on one page,
 * B then A on the next), so both see the same load on a shared machine: a paired comparison, where two separate runs
 * minutes apart measure the other processes as much as the code. Each build is loaded in its own class loader from
 * its classes directory plus the runtime classpath. Usage (single-file program, from the repository root):
 * {@code java bench/CompareExtractors.java <classesA> <classesB> <runtime-classpath> <html-dir> [passes] [warm-up passes]}
 * — see bench/compare-extractors.sh. Also checks that both builds give the same text for every page.
 */
public class CompareExtractors {

    public static void main(String[] args) throws Exception {
        int passes = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        int warmUp = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        Method[] extract = {extractor(args[0], args[2]), extractor(args[1], args[2])};
        Object[] instances = new Object[2];
        for (int v = 0; v < 2; v++) {
            instances[v] = extract[v].getDeclaringClass().getConstructor().newInstance();
        }
        Method read = extract[0].getDeclaringClass().getClassLoader()
                .loadClass("io.dyad.ingest.extract.ExtractCli").getMethod("read", Path.class);
        List<String> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(args[3]))) {
            for (Path p : files.filter(f -> f.getFileName().toString().matches(".*\\.html?(\\.gz)?")).sorted().toList()) {
                pages.add((String) read.invoke(null, p));
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] cpu = new long[2];
        int differ = 0;
        for (int pass = 0; pass < warmUp + passes; pass++) {
            for (int i = 0; i < pages.size(); i++) {
                String[] texts = new String[2];
                for (int k = 0; k < 2; k++) {
                    int v = (i + pass + k) % 2;
                    long start = threads.getCurrentThreadCpuTime();
                    Object article = extract[v].invoke(instances[v], pages.get(i), null);
                    long used = threads.getCurrentThreadCpuTime() - start;
                    if (pass >= warmUp) {
                        cpu[v] += used;
                    }
                    texts[v] = article.toString();
                }
                if (pass == 0 && !texts[0].equals(texts[1])) {
                    differ++;
                }
            }
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int n = passes * pages.size();
        System.out.printf("A %s: %.0f pages per CPU-second%n", args[0], n / (cpu[0] / 1e9));
        System.out.printf("B %s: %.0f pages per CPU-second%n", args[1], n / (cpu[1] / 1e9));
        System.out.printf("B/A %.3f over %d pages each (%d passes after %d warm-up); pages whose result differs: %d;"
                + " load average at the end %.1f%n", (double) cpu[0] / cpu[1], n, passes, warmUp, differ, load);
    }

    private static Method extractor(String classes, String runtimeClasspath) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(Path.of(classes).toUri().toURL());
        for (String entry : runtimeClasspath.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        return loader.loadClass("io.dyad.ingest.extract.ArticleExtractor").getMethod("extract", String.class,
                String.class);
    }
}
