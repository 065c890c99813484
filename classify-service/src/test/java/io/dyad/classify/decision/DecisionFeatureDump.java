package io.dyad.classify.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dyad.classify.gazetteer.CountryMention;
import io.dyad.classify.gazetteer.CountryScanner;
import io.dyad.classify.gazetteer.Gazetteer;
import io.dyad.classify.gazetteer.Salience;
import io.dyad.classify.gazetteer.ScoredCountry;
import io.dyad.classify.language.LanguageDetector;
import io.dyad.classify.pairs.MentionLists;
import io.dyad.classify.pairs.PairCandidate;
import io.dyad.classify.pairs.PairDetector;
import io.dyad.classify.text.Field;
import io.dyad.classify.text.FieldText;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The candidate countries and pairs of every article of a JSONL file with their decision features, one line per
 * article: {@code {"id", "countries":[{"code","f":[...]}], "pairs":[{"a","b","f":[...]}]}} (pair rows hold the
 * features before the two country log-odds, which the trainer adds from its country model). The same code computes
 * the features in the service ({@link LearnedDecisions}). Run by tools/train_decisions.py; the first line is a header
 * naming the features.
 */
public final class DecisionFeatureDump {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: DecisionFeatureDump GOLD.jsonl OUT.jsonl");
        }
        ObjectMapper json = new ObjectMapper();
        Gazetteer gazetteer = Gazetteer.load();
        CountryScanner scanner = new CountryScanner(gazetteer);
        LanguageDetector languages = LanguageDetector.load();
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            ObjectNode header = json.createObjectNode();
            header.set("country_features", json.valueToTree(CountryFeatures.NAMES));
            header.set("pair_features", json.valueToTree(PairFeatures.NAMES.subList(0, PairFeatures.OWN)));
            out.write(json.writeValueAsString(header));
            out.newLine();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode doc = json.readTree(line);
                List<FieldText> fields = List.of(FieldText.of(Field.TITLE, doc.path("title").asText("")),
                        FieldText.of(Field.TEXT, doc.path("text").asText("")));
                List<ScoredCountry> candidates = Salience.score(scanner.scan(fields, languages.detect(fields)));
                List<CountryMention> all = new ArrayList<>();
                candidates.forEach(c -> all.addAll(c.mentions()));
                MentionLists lists = MentionLists.of(all);
                ObjectNode row = json.createObjectNode();
                row.put("id", doc.path("id").asText());
                ArrayNode countries = row.putArray("countries");
                double[][] features = CountryFeatures.of(candidates, lists);
                for (int i = 0; i < candidates.size(); i++) {
                    ObjectNode c = countries.addObject();
                    c.put("code", candidates.get(i).code());
                    c.set("f", json.valueToTree(features[i]));
                }
                ArrayNode pairs = row.putArray("pairs");
                for (PairCandidate p : PairDetector.candidates(candidates, LearnedDecisions.PAIR_CANDIDATES, lists)) {
                    double[] f = PairFeatures.of(p, candidates.size(), 0, 0);
                    ObjectNode o = pairs.addObject();
                    o.put("a", p.first().code());
                    o.put("b", p.second().code());
                    o.set("f", json.valueToTree(java.util.Arrays.copyOf(f, PairFeatures.OWN)));
                }
                out.write(json.writeValueAsString(row));
                out.newLine();
            }
        }
    }
}
