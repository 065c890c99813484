package io.dyad.ingest.crawl;

import io.dyad.ingest.crawl.SitemapReader.Child;
import io.dyad.ingest.crawl.SitemapReader.Entry;
import io.dyad.ingest.crawl.SitemapReader.Sitemap;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks a sitemap and the child sitemaps of its indexes, breadth first: at each level the children modified since
 * {@code since} (or undated) are read, newest first; an index inside an index is followed down to {@code maxDepth}
 * levels below the first sitemap, at most {@code maxChildren} child sitemaps are read in all, each once (a loop of
 * indexes ends), and at most {@code maxUrls} entries are kept in all. No I/O of its own: {@code reader} fetches a
 * child (and answers an empty sitemap when it cannot).
 */
public final class SitemapWalk {

    /**
     * @param entries the entries kept, in walk order
     * @param childrenRead child sitemaps read
     * @param truncated whether a cap (depth, children or entries) left something unread
     */
    public record Result(List<Entry> entries, int childrenRead, boolean truncated) {
    }

    private final int maxDepth;
    private final int maxChildren;
    private final int maxUrls;

    public SitemapWalk(int maxDepth, int maxChildren, int maxUrls) {
        this.maxDepth = Math.max(0, maxDepth);
        this.maxChildren = Math.max(0, maxChildren);
        this.maxUrls = Math.max(0, maxUrls);
    }

    public Result walk(URI topUrl, Sitemap top, Instant since, Function<Child, Sitemap> reader) {
        List<Entry> entries = new ArrayList<>();
        boolean truncated = addCapped(entries, top.entries());
        Set<URI> seen = new HashSet<>();
        seen.add(topUrl);
        int read = 0;
        List<Child> level = recent(top.children(), since);
        for (int depth = 1; !level.isEmpty(); depth++) {
            if (depth > maxDepth) {
                truncated = true;
                break;
            }
            List<Child> next = new ArrayList<>();
            for (Child child : level) {
                if (!seen.add(child.url())) {
                    continue;
                }
                if (read == maxChildren || entries.size() == maxUrls) {
                    truncated = true;
                    break;
                }
                read++;
                Sitemap sitemap = reader.apply(child);
                truncated |= addCapped(entries, sitemap.entries());
                next.addAll(sitemap.children());
            }
            level = recent(next, since);
        }
        return new Result(entries, read, truncated);
    }

    private static List<Child> recent(List<Child> children, Instant since) {
        return children.stream()
                .filter(c -> c.lastModified() == null || !c.lastModified().isBefore(since))
                .sorted(Comparator.comparing(Child::lastModified, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    /** Adds what fits under {@link #maxUrls}; true when something did not fit. */
    private boolean addCapped(List<Entry> entries, List<Entry> more) {
        int room = maxUrls - entries.size();
        entries.addAll(more.size() <= room ? more : more.subList(0, Math.max(0, room)));
        return more.size() > room;
    }
}
