package io.dyad.classify.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dyad.classify.service.ArticleClassifier;
import io.dyad.classify.service.Classification;
import io.dyad.classify.service.ClassifierSettings;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the classifier's answer to every article of a JSONL file (one {@code {"id", ...answer}} line each, the
 * fields the evaluation tool sends: title and text), so two builds can be diffed line by line after a change that
 * must not move the output. Run by bench/dump-answers.sh.
 */
public final class DumpAnswers {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: DumpAnswers GOLD.jsonl OUT.jsonl");
        }
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        ArticleClassifier classifier = ArticleClassifier.load(ClassifierSettings.defaults());
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode doc = json.readTree(line);
                Classification c = classifier.classify(doc.path("title").asText(""), null,
                        doc.path("text").asText(""), null);
                ObjectNode answer = json.createObjectNode();
                answer.put("id", doc.path("id").asText());
                answer.setAll((ObjectNode) json.valueToTree(c));
                out.write(json.writeValueAsString(answer));
                out.newLine();
            }
        }
    }
}
