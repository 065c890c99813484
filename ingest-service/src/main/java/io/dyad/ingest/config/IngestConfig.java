package io.dyad.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Typed configuration of ingest-service ({@code dyad.ingest.*}, env {@code DYAD_INGEST_*}). */
@ConfigMapping(prefix = "dyad.ingest")
public interface IngestConfig {

    Poll poll();

    Fetch fetch();

    Publish publish();

    FullText fullText();

    Robots robots();

    Stories stories();

    Crawl crawl();

    WebSub websub();

    /** WebSub push for feeds that advertise a hub. */
    interface WebSub {
        /**
         * Public base URL hubs reach this service at (the callback is {@code <base>/websub/<source id>}); unset turns
         * WebSub off and sources are only polled.
         */
        java.util.Optional<String> callbackBaseUrl();

        /** Lease asked of the hub. */
        @WithDefault("P1D")
        Duration lease();

        /** Renew a subscription when its lease ends within this long. */
        @WithDefault("PT1H")
        Duration renewBefore();

        /** How often each replica looks for subscriptions to renew ("off" disables it). */
        @WithDefault("5m")
        String renewCheck();
    }

    /** Sitemap and web sources. */
    interface Crawl {
        /** Sitemap entries dated earlier than this (news publication date, else lastmod) are not followed. */
        @WithDefault("P2D")
        Duration window();

        /** New article pages fetched per run of one source; the rest wait for the next run. */
        @WithDefault("20")
        int maxPagesPerFetch();

        /** Child sitemaps of an index read per run, over all levels (the most recently modified first). */
        @WithDefault("5")
        int maxChildSitemaps();

        /** Levels of sitemap indexes followed below the source's own sitemap (1: its children only). */
        @WithDefault("3")
        int maxSitemapDepth();

        /** Sitemap entries read per run over the source's sitemap and all its children; the rest are ignored. */
        @WithDefault("50000")
        int maxSitemapUrls();
    }

    /** Near-duplicate stories (MinHash over word 3-shingles, LSH bands in PostgreSQL). */
    interface Stories {
        /** Group near-duplicates into one story; off leaves only exact (same content hash) grouping. */
        @WithDefault("true")
        boolean enabled();

        /** How far back an earlier copy is looked for. */
        @WithDefault("P3D")
        Duration window();

        /** Estimated Jaccard similarity of word 3-shingles at or above which two texts are one story. */
        @WithDefault("0.5")
        double threshold();

        /** Texts with fewer words are not compared (exact dedup still applies). */
        @WithDefault("40")
        int minWords();

        /** Most earlier articles compared per new article (the oldest sharing a band come first). */
        @WithDefault("100")
        int maxCandidates();
    }

    interface Robots {
        /** How long a host's robots.txt is trusted before it is read again (at most 24 h is used). */
        @WithDefault("PT24H")
        Duration cacheTtl();
    }

    interface FullText {
        /** Fetch and extract the article page when a feed item brings too little text. */
        @WithDefault("true")
        boolean enabled();

        /** Items whose text is shorter than this (characters) get their page fetched. */
        @WithDefault("600")
        int minTextChars();
    }

    interface Poll {
        /**
         * How often each replica looks for due sources, as the {@code @Scheduled} job reads it: "10s", "PT10S", or
         * "off" to disable polling on this replica.
         */
        @WithDefault("10s")
        String checkInterval();

        /** How many due sources one replica claims at a time. */
        @WithDefault("20")
        int batchSize();

        /** How long a claim keeps other replicas off a source; must outlast a fetch. */
        @WithDefault("PT5M")
        Duration lease();

        /** Delay before the scheduler first fetches a newly added source. */
        @WithDefault("PT0S")
        Duration firstFetchDelay();

        /** Consecutive failures after which a source is marked FAILING (it is still retried, with backoff). */
        @WithDefault("3")
        int errorThreshold();

        /** Upper poll bound of a source created without one (never below its lower bound). */
        @WithDefault("PT1H")
        Duration defaultMaxInterval();

        /** Upper bound of the failure backoff and of a server's Retry-After. */
        @WithDefault("PT6H")
        Duration maxBackoff();
    }

    interface Fetch {
        @WithDefault("PT10S")
        Duration connectTimeout();

        /** Time allowed for one response, headers and body. */
        @WithDefault("PT30S")
        Duration timeout();

        /** Largest response body read (after decompression). */
        @WithDefault("10485760")
        long maxBodyBytes();

        @WithDefault("5")
        int maxRedirects();

        /** Sources fetched in parallel by one replica. */
        @WithDefault("4")
        int concurrency();

        @WithDefault("DyadBot/0.1 (+https://github.com/dyad-news/dyad)")
        String userAgent();

        /** Pause between two requests to the same host (one request per host is in flight at a time). */
        @WithDefault("PT1S")
        Duration perHostDelay();
    }

    interface Publish {
        /** How long to wait for the broker to acknowledge one article before giving up (the item is retried). */
        @WithDefault("PT45S")
        Duration ackTimeout();
    }
}
