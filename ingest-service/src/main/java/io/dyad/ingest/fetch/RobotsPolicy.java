package io.dyad.ingest.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import io.dyad.ingest.config.IngestConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * robots.txt (RFC 9309) for article pages, parsed by crawler-commons and cached per origin for at most
 * {@code robots.cache-ttl} (24 h). A missing robots.txt (4xx) allows everything; one that cannot be read (5xx,
 * timeout, refused) disallows the origin until the shorter error TTL has passed, as the RFC asks.
 */
@Singleton
public class RobotsPolicy {

    private static final Logger LOG = Logger.getLogger(RobotsPolicy.class);
    private static final Duration MAX_TTL = Duration.ofHours(24);
    private static final Duration ERROR_TTL = Duration.ofHours(1);

    private record Entry(BaseRobotRules rules, Instant expires) {
    }

    private final FeedFetcher fetcher;
    private final String agent;
    private final Duration ttl;
    private final Clock clock;
    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    @Inject
    public RobotsPolicy(FeedFetcher fetcher, IngestConfig config) {
        this(fetcher, agentName(config.fetch().userAgent()), config.robots().cacheTtl(), Clock.systemUTC());
    }

    public RobotsPolicy(FeedFetcher fetcher, String agent, Duration ttl, Clock clock) {
        this.fetcher = fetcher;
        this.agent = agent.toLowerCase(Locale.ROOT);
        this.ttl = ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
        this.clock = clock;
    }

    /** "DyadBot/0.1 (+https://…)" → "DyadBot": the product token robots.txt groups are matched against. */
    static String agentName(String userAgent) {
        String token = userAgent.trim().split("[/\\s]", 2)[0];
        return token.isEmpty() ? "DyadBot" : token;
    }

    /** Whether our robots rules let us fetch {@code page}. */
    public boolean allowed(URI page) {
        if (page.getScheme() == null || page.getHost() == null) {
            return false;
        }
        String origin = origin(page);
        Instant now = clock.instant();
        Entry entry = cache.get(origin);
        if (entry == null || !now.isBefore(entry.expires())) {
            entry = load(origin, now);
            cache.put(origin, entry);
        }
        return entry.rules().isAllowed(page.toString());
    }

    private Entry load(String origin, Instant now) {
        URI robots = URI.create(origin + "/robots.txt");
        try {
            HttpFetchResult r = fetcher.fetch(robots, null, null);
            if (r.successful()) {
                SimpleRobotRules rules = parser.parseContent(robots.toString(), r.body(),
                        r.contentType() == null ? "text/plain" : r.contentType(), List.of(agent));
                return new Entry(rules, now.plus(ttl));
            }
            // 4xx: no robots.txt, everything allowed; 5xx: unavailable, nothing allowed for a while
            SimpleRobotRules rules = parser.failedFetch(r.status());
            return new Entry(rules, now.plus(r.status() >= 500 ? min(ERROR_TTL, ttl) : ttl));
        } catch (FetchException | UrlRefusedException e) {
            LOG.debugf("robots.txt of %s unreadable: %s", origin, e.getMessage());
            return new Entry(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE),
                    now.plus(min(ERROR_TTL, ttl)));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String origin(URI page) {
        String scheme = page.getScheme().toLowerCase(Locale.ROOT);
        String host = page.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (page.getPort() > 0 ? ":" + page.getPort() : ""); // IPv6 keeps its []
    }
}
