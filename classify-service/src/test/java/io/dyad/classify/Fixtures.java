package io.dyad.classify;

import io.dyad.classify.service.ArticleClassifier;
import io.dyad.classify.service.ClassifierSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test fixtures: synthetic articles written for these tests, and one classifier shared by the plain unit tests. */
public final class Fixtures {

    private static ArticleClassifier classifier;

    private Fixtures() {
    }

    /** An article of src/test/resources/articles: the first line is the title, the rest the text. */
    public record Article(String title, String text) {
    }

    public static Article article(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/articles/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int newline = content.indexOf('\n');
            return new Article(content.substring(0, newline), content.substring(newline + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized ArticleClassifier classifier() {
        if (classifier == null) {
            classifier = ArticleClassifier.load(ClassifierSettings.defaults());
        }
        return classifier;
    }
}
