package io.dyad.contracts;

/** Kafka topic names of the pipeline (see asyncapi.yaml). */
public final class Topics {
    public static final String ARTICLES_RAW = "dyad.articles.raw";
    public static final String ARTICLES_TAGGED = "dyad.articles.tagged";
    /** Suffix of the dead-letter topic that holds records a consumer could not process. */
    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }
}
