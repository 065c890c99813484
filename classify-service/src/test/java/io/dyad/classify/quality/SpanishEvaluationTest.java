package io.dyad.classify.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.classify.Fixtures;
import io.dyad.classify.service.Classification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Spanish quality on our own set: 21 short news stories we wrote for this test (src/test/resources/es-eval/
 * articles.jsonl), each with the countries, pairs and issues a reader would tag. There is no Spanish corpus in
 * ../shared/data, so this is the only Spanish measurement, and it is a small set written by the same team that wrote
 * the lexicons: its figures show the Spanish path works, not how it does on the news at large. The figures are
 * printed (the README quotes them) and the test fails if they drop below what was measured when it was written.
 */
class SpanishEvaluationTest {

    /** Micro-averaged precision/recall over sets. */
    static final class Score {
        int tp;
        int fp;
        int fn;

        void add(Set<String> gold, Set<String> predicted) {
            for (String p : predicted) {
                if (gold.contains(p)) {
                    tp++;
                } else {
                    fp++;
                }
            }
            for (String g : gold) {
                if (!predicted.contains(g)) {
                    fn++;
                }
            }
        }

        double f1() {
            return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }

        @Override
        public String toString() {
            double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            return String.format("P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)", p, r, f1(), tp, fp, fn);
        }
    }

    @Test
    void spanishStoriesGetTheirCountriesPairsAndIssues() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Score countries = new Score();
        Score pairs = new Score();
        Score issues = new Score();
        int articles = 0;
        int spanish = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                SpanishEvaluationTest.class.getResourceAsStream("/es-eval/articles.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode gold = mapper.readTree(line);
                Classification c = Fixtures.classifier().classify(gold.get("title").asText(), gold.get("text").asText());
                articles++;
                spanish += c.language().equals("es") ? 1 : 0;
                Set<String> predictedCountries = new LinkedHashSet<>();
                c.countries().forEach(t -> predictedCountries.add(t.code()));
                countries.add(set(gold.get("countries")), predictedCountries);
                Set<String> predictedPairs = new HashSet<>();
                c.pairs().forEach(p -> predictedPairs.add(p.pair()));
                if (gold.has("pairs")) {
                    pairs.add(set(gold.get("pairs")), predictedPairs);
                }
                Set<String> predictedIssues = new HashSet<>();
                c.issues().forEach(i -> predictedIssues.add(i.id()));
                issues.add(set(gold.get("issues")), predictedIssues);
                if (!predictedIssues.equals(set(gold.get("issues")))
                        || !predictedCountries.equals(set(gold.get("countries")))
                        || gold.has("pairs") && !predictedPairs.equals(set(gold.get("pairs")))) {
                    System.out.printf("es-eval %s: countries %s (gold %s) pairs %s (gold %s) issues %s (gold %s)%n",
                            gold.get("id").asText(), predictedCountries, gold.get("countries"), predictedPairs,
                            gold.get("pairs"), predictedIssues, gold.get("issues"));
                }
            }
        }
        System.out.printf("es-eval articles=%d language_es=%d%n  countries %s%n  pairs     %s%n  issues    %s%n",
                articles, spanish, countries, pairs, issues);
        assertThat(articles).isGreaterThanOrEqualTo(20);
        assertThat(spanish).isEqualTo(articles);
        // measured when written: 0.989 / 0.914 / 0.932 (README); a little room for lexicon and gazetteer changes
        assertThat(countries.f1()).isGreaterThanOrEqualTo(0.95);
        assertThat(pairs.f1()).isGreaterThanOrEqualTo(0.85);
        assertThat(issues.f1()).isGreaterThanOrEqualTo(0.85);
    }

    private static Set<String> set(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
