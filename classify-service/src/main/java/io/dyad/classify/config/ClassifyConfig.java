package io.dyad.classify.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** classify-service settings, {@code dyad.classify.*} (env {@code DYAD_CLASSIFY_*}). */
@ConfigMapping(prefix = "dyad.classify")
public interface ClassifyConfig {

    /** classifierVersion stamped on every TaggedArticle. */
    @WithDefault("dyad-classify-4")
    String classifierVersion();

    /**
     * A country below this salience (0..1) is a passing mention and is not answered (the most salient country always
     * is). Chosen on the tuning split: see the README's "Session 3".
     */
    @WithDefault("0.15")
    double countryMinSalience();

    /** Both countries of a pair need at least this salience (0..1). */
    @WithDefault("0.2")
    double pairMinSalience();

    /** Two countries that both reach this salience are related by the article itself (its main subjects). */
    @WithDefault("0.3")
    double pairMainSalience();

    /** Pairs are formed among at most this many most salient countries. */
    @WithDefault("20")
    int pairMaxCountries();

    /** An issue is tagged when its lexicon weight reaches this. */
    @WithDefault("1.0")
    double issueMinWeight();

    /** Longest text POST /classify accepts (characters; 413 above); longer Kafka articles are classified on their start. */
    @WithDefault("1000000")
    int maxTextChars();

    /** Longest title POST /classify accepts (characters; 400 above), as in the RawArticle schema. */
    @WithDefault("2000")
    int maxTitleChars();

    /** Evidence spans per country. */
    @WithDefault("5")
    int maxEvidence();

    /**
     * true: countries and pairs are decided by the trained decisions (decision/decisions-v1.tsv, README "Session 6");
     * false: by the session-3 salience rules and the three salience settings above.
     */
    @WithDefault("true")
    boolean learnedDecisions();

    /** The producer of tagged articles ({@code dyad.classify.tagged.*}); acks=all and idempotence are fixed. */
    Tagged tagged();

    interface Tagged {

        /** Topic of tagged articles. */
        @WithDefault("dyad.articles.tagged")
        String topic();

        /** How long the producer waits to fill a batch of sends (Kafka's linger.ms). */
        @WithDefault("5ms")
        Duration linger();

        /** Bytes per partition batch of sends (Kafka's batch.size). */
        @WithDefault("262144")
        int batchSize();

        /**
         * How long the producer keeps retrying a send (Kafka's delivery.timeout.ms); a record not acknowledged by
         * then goes to the DLQ with the reason, so the stream goes on. Kafka wants at least linger + its
         * request.timeout.ms (30 s).
         */
        @WithDefault("120s")
        Duration deliveryTimeout();

        /**
         * Largest tagged record the producer sends (Kafka's max.request.size; the topic's max.message.bytes must
         * allow it). A larger one is refused and its raw record goes to the DLQ with the reason.
         */
        @WithDefault("1048576")
        int maxRequestSize();
    }
}
