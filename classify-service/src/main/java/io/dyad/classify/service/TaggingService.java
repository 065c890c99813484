package io.dyad.classify.service;

import io.dyad.contracts.RawArticle;
import io.dyad.contracts.TaggedArticle;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/** Classifies texts and raw articles, and times it ({@code dyad.classify.duration}). */
@ApplicationScoped
public class TaggingService {

    private final ArticleClassifier classifier;
    private final Timer timer;
    private final Clock clock = Clock.systemUTC();

    public TaggingService(ArticleClassifier classifier, MeterRegistry registry) {
        this.classifier = classifier;
        this.timer = Timer.builder("dyad.classify.duration").description("Time to classify one article")
                .register(registry);
    }

    public Classification classify(String title, String text) {
        return timer.record(() -> classifier.classify(title, text));
    }

    /** The tagged form of {@code raw}; the same article always gets the same tags (only classifiedAt differs). */
    public TaggedArticle tag(RawArticle raw) {
        Classification c = timer.record(
                () -> classifier.classify(raw.title(), raw.summary(), raw.text(), raw.language()));
        return TaggedArticle.of(raw, c.language(), c.countries(), c.pairs(), c.issues(),
                classifier.settings().version(), Instant.now(clock));
    }
}
