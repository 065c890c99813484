import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two builds of the classifier in one JVM (one class loader each), timed by the thread's CPU time in alternating
 * batches of the 256 benchmark articles (ClassifyBenchmark's), so both see the same machine load: on a shared machine
 * this ratio is steadier than two separate runs. Run by bench/run-interleaved-ab.sh.
 */
public class InterleavedAB {
    static final class Build {
        final String name; final Object classifier; final Method classify; final List<?> articles; final Method title, text;
        long cpu; long n;
        Build(String name, String cpFile) throws Exception {
            this.name = name;
            List<URL> urls = new ArrayList<>();
            for (String p : Files.readString(Path.of(cpFile)).trim().split(":")) {
                Path path = Path.of(p).isAbsolute() ? Path.of(p) : Path.of(cpFile).getParent().getParent().getParent().resolve(p);
                urls.add(path.toUri().toURL());
            }
            ClassLoader cl = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Class<?> settings = cl.loadClass("io.dyad.classify.service.ClassifierSettings");
            Class<?> ac = cl.loadClass("io.dyad.classify.service.ArticleClassifier");
            classifier = ac.getMethod("load", settings).invoke(null, settings.getMethod("defaults").invoke(null));
            classify = ac.getMethod("classify", String.class, String.class, String.class, String.class);
            Class<?> gen = cl.loadClass("io.dyad.classify.bench.SyntheticArticles");
            articles = (List<?>) gen.getMethod("generate", int.class, int.class, long.class).invoke(null, 256, 3000, 42L);
            Class<?> art = cl.loadClass("io.dyad.classify.bench.SyntheticArticles$Article");
            title = art.getMethod("title"); text = art.getMethod("text");
            title.setAccessible(true); text.setAccessible(true);
        }
        long batch(ThreadMXBean threads) throws Exception {
            long sink = 0;
            long t0 = threads.getCurrentThreadCpuTime();
            for (Object a : articles) {
                sink += classify.invoke(classifier, title.invoke(a), null, text.invoke(a), null).hashCode() & 1;
            }
            cpu += threads.getCurrentThreadCpuTime() - t0;
            n += articles.size();
            return sink;
        }
    }

    public static void main(String[] args) throws Exception {
        Build a = new Build("A", args[0]);
        Build b = new Build("B", args[1]);
        int rounds = Integer.parseInt(args[2]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int r = 0; r < rounds / 2; r++) { sink += a.batch(threads) + b.batch(threads); }
        a.cpu = b.cpu = a.n = b.n = 0;
        for (int r = 0; r < rounds; r++) {
            if ((r & 1) == 0) { sink += a.batch(threads) + b.batch(threads); }
            else { sink += b.batch(threads) + a.batch(threads); }
        }
        System.out.printf("A=%s articles_per_cpu_s=%.0f us=%.1f | B=%s articles_per_cpu_s=%.0f us=%.1f | B/A speed=%.2f (rounds %d, sink %d)%n",
            args[0], a.n / (a.cpu / 1e9), a.cpu / 1e3 / a.n, args[1], b.n / (b.cpu / 1e9), b.cpu / 1e3 / b.n,
            (double) a.cpu / a.n / ((double) b.cpu / b.n), rounds, sink);
    }
}
