package io.dyad.alert.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.alert.repository.ArticleRepository;
import io.dyad.alert.repository.ClaimedDelivery;
import io.dyad.contracts.TaggedArticle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The parsed articles of claimed deliveries, shared by every alert of an article: with tens of matches per article,
 * reading and parsing the stored JSON once per alert was most of a delivery's cost. A stored article never changes
 * (it is inserted once, {@code ON CONFLICT DO NOTHING}), so a cached copy cannot go stale; the least recently used
 * ones are dropped beyond {@link #CAPACITY}.
 */
@ApplicationScoped
public class ArticleCache {

    private static final Logger LOG = Logger.getLogger(ArticleCache.class);
    static final int CAPACITY = 4096;

    @Inject
    ArticleRepository articles;

    @Inject
    ObjectMapper mapper;

    private final Map<String, TaggedArticle> cache = new LinkedHashMap<>(CAPACITY * 4 / 3 + 1, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TaggedArticle> eldest) {
            return size() > CAPACITY;
        }
    };

    /**
     * The claims with their articles attached, reading the ones not cached in one query. Call inside a transaction.
     * A story claim whose article is missing or unreadable keeps a null article (the send then fails for good).
     */
    public List<ClaimedDelivery> attach(List<ClaimedDelivery> claimed) {
        Map<String, TaggedArticle> found = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        synchronized (cache) {
            for (ClaimedDelivery c : claimed) {
                if (c.isDigest() || c.articleId() == null || found.containsKey(c.articleId())) {
                    continue;
                }
                TaggedArticle article = cache.get(c.articleId());
                if (article != null) {
                    found.put(c.articleId(), article);
                } else {
                    missing.add(c.articleId());
                }
            }
        }
        if (!missing.isEmpty()) {
            Map<String, TaggedArticle> loaded = new HashMap<>();
            articles.payloads(missing).forEach((id, json) -> {
                try {
                    loaded.put(id, mapper.readValue(json, TaggedArticle.class));
                } catch (Exception e) {
                    LOG.errorf("Stored article %s cannot be read: %s", id, e.getMessage());
                }
            });
            synchronized (cache) {
                cache.putAll(loaded);
            }
            found.putAll(loaded);
        }
        List<ClaimedDelivery> out = new ArrayList<>(claimed.size());
        for (ClaimedDelivery c : claimed) {
            out.add(c.isDigest() ? c : c.withArticle(found.get(c.articleId())));
        }
        return out;
    }
}
