package io.dyad.classify.bench;

import io.dyad.classify.gazetteer.CountryMention;
import io.dyad.classify.gazetteer.CountryScanner;
import io.dyad.classify.gazetteer.Gazetteer;
import io.dyad.classify.gazetteer.Salience;
import io.dyad.classify.gazetteer.ScoredCountry;
import io.dyad.classify.issues.IssueDetector;
import io.dyad.classify.issues.IssueLexicon;
import io.dyad.classify.issues.IssueModel;
import io.dyad.classify.issues.IssueTaxonomy;
import io.dyad.classify.language.LanguageDetector;
import io.dyad.classify.pairs.PairDetector;
import io.dyad.classify.text.Field;
import io.dyad.classify.text.FieldText;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * CPU time of one thread per stage of the classifier (fields, language, gazetteer scan + salience, pairs, lexicon,
 * model) on the benchmark's 256 articles, in microseconds per article: which stage a speed change should attack.
 * Run like CpuTimeThroughput (bench/run-cpu-throughput.sh's class path), argument = rounds.
 */
public final class StageTimes {

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        IssueTaxonomy taxonomy = IssueTaxonomy.load();
        Gazetteer gazetteer = Gazetteer.load();
        IssueLexicon lexicon = IssueLexicon.load("en", taxonomy);
        IssueModel model = IssueModel.load("en", taxonomy);
        LanguageDetector language = LanguageDetector.load();
        CountryScanner scanner = new CountryScanner(gazetteer);
        PairDetector pairs = new PairDetector(0.2, 0.3, 20);
        IssueDetector lexiconOnly = new IssueDetector(taxonomy, 1.0);
        List<SyntheticArticles.Article> articles = SyntheticArticles.generate(256, 3000, 42);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] names = {"fields", "language", "countries", "pairs", "lexicon", "model", "(tokenize)", "(segment)"};
        long[] cpu = new long[names.length];
        long sink = 0;
        for (int pass = 0; pass < 2; pass++) { // the first pass warms up, the second is timed
            java.util.Arrays.fill(cpu, 0);
            for (int r = 0; r < rounds; r++) {
                for (SyntheticArticles.Article a : articles) {
                    long t0 = threads.getCurrentThreadCpuTime();
                    List<FieldText> fields = List.of(FieldText.of(Field.TITLE, a.title()),
                            FieldText.of(Field.TEXT, a.text()));
                    long t1 = threads.getCurrentThreadCpuTime();
                    sink += language.detect(fields).length();
                    long t2 = threads.getCurrentThreadCpuTime();
                    List<CountryMention> mentions = scanner.scan(fields, "en");
                    List<ScoredCountry> scored = Salience.score(mentions);
                    long t3 = threads.getCurrentThreadCpuTime();
                    sink += pairs.detect(scored).size();
                    long t4 = threads.getCurrentThreadCpuTime();
                    sink += lexiconOnly.detect(fields, lexicon).size();
                    long t5 = threads.getCurrentThreadCpuTime();
                    sink += model.predict(fields).size();
                    long t6 = threads.getCurrentThreadCpuTime();
                    cpu[0] += t1 - t0;
                    cpu[1] += t2 - t1;
                    cpu[2] += t3 - t2;
                    cpu[3] += t4 - t3;
                    cpu[4] += t5 - t4;
                    cpu[5] += t6 - t5;
                    sink += io.dyad.classify.text.Tokenizer.tokenize(a.text()).size();
                    long t7 = threads.getCurrentThreadCpuTime();
                    sink += io.dyad.classify.text.Segmenter.sentences(a.text()).size();
                    long t8 = threads.getCurrentThreadCpuTime();
                    cpu[6] += t7 - t6;
                    cpu[7] += t8 - t7;
                }
            }
        }
        double n = rounds * (double) articles.size();
        StringBuilder line = new StringBuilder("us_per_article");
        long total = 0;
        for (int i = 0; i < names.length; i++) {
            line.append(String.format(" %s=%.1f", names[i], cpu[i] / n / 1000));
            total += i < 6 ? cpu[i] : 0;
        }
        System.out.println(line.append(String.format(" total=%.1f (sink %d)", total / n / 1000, sink)));
    }
}
