package io.dyad.ingest.service;

import io.dyad.ingest.fetch.FetchOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** Counters and timers of fetching and publishing, served at {@code /q/metrics} (names below in Prometheus form). */
@ApplicationScoped
public class IngestMetrics {

    @Inject
    MeterRegistry registry;

    /** dyad_ingest_fetches_total{outcome} and dyad_ingest_fetch_duration_seconds{outcome}. */
    public void fetched(FetchOutcome outcome, Duration took) {
        Counter.builder("dyad.ingest.fetches").description("Source fetches by outcome")
                .tag("outcome", outcome.label()).register(registry).increment();
        Timer.builder("dyad.ingest.fetch.duration").description("Time to fetch, parse and publish one source")
                .tag("outcome", outcome.label()).register(registry).record(took);
    }

    /** dyad_ingest_feed_items_total{result}: items found in feeds, by what became of them. */
    public void items(String result, int count) {
        if (count > 0) {
            Counter.builder("dyad.ingest.feed.items").description("Feed items by result (new, duplicate, skipped, failed)")
                    .tag("result", result).register(registry).increment(count);
        }
    }

    /** dyad_ingest_articles_published_total{source_type}. */
    public void published(String sourceType) {
        Counter.builder("dyad.ingest.articles.published").description("Articles acknowledged by the broker")
                .tag("source_type", sourceType).register(registry).increment();
    }

    /** dyad_ingest_articles_duplicates_total{source_type}. */
    public void duplicate(String sourceType) {
        Counter.builder("dyad.ingest.articles.duplicates").description("Articles already published before")
                .tag("source_type", sourceType).register(registry).increment();
    }

    /** dyad_ingest_publish_failures_total: articles the broker did not acknowledge (retried later). */
    public void publishFailed() {
        Counter.builder("dyad.ingest.publish.failures").description("Articles not acknowledged by the broker")
                .register(registry).increment();
    }

    /** dyad_ingest_publish_duration_seconds: dedup row plus broker acknowledgement, per article. */
    public Timer publishTimer() {
        return Timer.builder("dyad.ingest.publish.duration").description("Dedup and acknowledged publish of one article")
                .register(registry);
    }

    /** The per-source meters; each carries exactly the tags {@code source} (id) and {@code host}, plus status. */
    static final java.util.List<String> PER_SOURCE = java.util.List.of("dyad.ingest.source.fetch.duration",
            "dyad.ingest.source.responses", "dyad.ingest.source.bytes", "dyad.ingest.source.items",
            "dyad.ingest.source.errors");

    /**
     * Per source and per host (aggregate by host with {@code sum by (host)}): fetch latency, responses by HTTP
     * status, body bytes, new articles, failed fetches. Only the source id and host are tags, never URLs, so the
     * series grow with the number of sources and nothing else.
     */
    public void sourceFetched(long sourceId, String host, FetchOutcome outcome, Integer httpStatus, Duration took,
            long bytes, int newItems) {
        String id = String.valueOf(sourceId);
        Timer.builder("dyad.ingest.source.fetch.duration").description("Fetch latency per source")
                .tags("source", id, "host", host).register(registry).record(took);
        if (httpStatus != null) {
            Counter.builder("dyad.ingest.source.responses").description("HTTP responses per source by status")
                    .tags("source", id, "host", host, "status", String.valueOf(httpStatus)).register(registry)
                    .increment();
        }
        Counter.builder("dyad.ingest.source.bytes").baseUnit("bytes").description("Body bytes received per source")
                .tags("source", id, "host", host).register(registry).increment(bytes);
        Counter.builder("dyad.ingest.source.items").description("New articles published per source")
                .tags("source", id, "host", host).register(registry).increment(newItems);
        Counter errors = Counter.builder("dyad.ingest.source.errors").description("Failed fetches per source")
                .tags("source", id, "host", host).register(registry);
        if (!outcome.success() && outcome != FetchOutcome.PUBLISH_ERROR) {
            errors.increment();
        }
    }

    /** A deleted source's series disappear with it. */
    public void forgetSource(long sourceId) {
        for (String name : PER_SOURCE) {
            registry.find(name).tag("source", String.valueOf(sourceId)).meters().forEach(registry::remove);
        }
    }

    /** dyad_ingest_websub_pushes_total{outcome}: content distributions accepted from hubs. */
    public void pushed(FetchOutcome outcome) {
        Counter.builder("dyad.ingest.websub.pushes").description("WebSub content distributions by outcome")
                .tag("outcome", outcome.label()).register(registry).increment();
    }

    /** dyad_ingest_pages_total{result}: article pages of sitemap and web sources. */
    public void pages(String result) {
        Counter.builder("dyad.ingest.pages").description("Article pages fetched for sitemap and web sources")
                .tag("result", result).register(registry).increment();
    }

    /** dyad_ingest_full_text_total{result=extracted|kept_feed_text|failed}: article pages fetched for full text. */
    public void fullText(String result) {
        Counter.builder("dyad.ingest.full.text").description("Article pages fetched because the feed item was short")
                .tag("result", result).register(registry).increment();
    }
}
