package io.dyad.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.ingest.crawl.SitemapReader.Child;
import io.dyad.ingest.crawl.SitemapReader.Entry;
import io.dyad.ingest.crawl.SitemapReader.Sitemap;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sitemap walk over an in-memory site: nesting, depth, loops, recency, child and entry caps. */
class SitemapWalkTest {

    private static final Instant NOW = Instant.parse("2026-11-28T07:00:00Z");
    private static final Instant SINCE = NOW.minus(Duration.ofDays(2));

    private final Map<URI, Sitemap> site = new HashMap<>();
    private final List<URI> requested = new ArrayList<>();

    private static URI u(String path) {
        return URI.create("https://gazette.example" + path);
    }

    private static Child child(String path, Instant modified) {
        return new Child(u(path), modified);
    }

    private static Entry entry(String path) {
        return new Entry(u(path), NOW, null, null);
    }

    private void index(String path, Child... children) {
        site.put(u(path), new Sitemap(List.of(children), List.of()));
    }

    private void urlset(String path, Entry... entries) {
        site.put(u(path), new Sitemap(List.of(), List.of(entries)));
    }

    private SitemapWalk.Result walk(SitemapWalk walk, String top) {
        return walk.walk(u(top), site.get(u(top)), SINCE, c -> {
            requested.add(c.url());
            return site.getOrDefault(c.url(), new Sitemap(List.of(), List.of()));
        });
    }

    private List<URI> urls(SitemapWalk.Result r) {
        return r.entries().stream().map(Entry::url).toList();
    }

    @Test
    void anIndexInsideAnIndexIsFollowedDownToTheDepthCap() {
        index("/index.xml", child("/news/index.xml", NOW), child("/archive.xml", NOW.minus(Duration.ofDays(90))));
        index("/news/index.xml", child("/news/today.xml", NOW), child("/news/more/index.xml", null));
        urlset("/news/today.xml", entry("/a/today"));
        index("/news/more/index.xml", child("/news/more/deep.xml", NOW));
        urlset("/news/more/deep.xml", entry("/a/deep"));
        urlset("/archive.xml", entry("/a/ancient"));

        SitemapWalk.Result three = walk(new SitemapWalk(3, 10, 100), "/index.xml");
        assertThat(urls(three)).containsExactly(u("/a/today"), u("/a/deep"));
        assertThat(requested).doesNotContain(u("/archive.xml")); // modified 90 days ago
        assertThat(three.truncated()).isFalse();

        requested.clear();
        SitemapWalk.Result two = walk(new SitemapWalk(2, 10, 100), "/index.xml");
        assertThat(urls(two)).containsExactly(u("/a/today"));
        assertThat(requested).doesNotContain(u("/news/more/deep.xml"));
        assertThat(two.truncated()).isTrue();
    }

    @Test
    void aLoopOfIndexesReadsEachSitemapOnce() {
        index("/index.xml", child("/a.xml", NOW));
        index("/a.xml", child("/index.xml", NOW), child("/a.xml", NOW), child("/b.xml", NOW));
        index("/b.xml", child("/a.xml", NOW), child("/leaf.xml", NOW));
        urlset("/leaf.xml", entry("/a/leaf"));

        SitemapWalk.Result r = walk(new SitemapWalk(10, 10, 100), "/index.xml");

        assertThat(urls(r)).containsExactly(u("/a/leaf"));
        assertThat(requested).containsExactly(u("/a.xml"), u("/b.xml"), u("/leaf.xml"));
        assertThat(r.childrenRead()).isEqualTo(3);
    }

    @Test
    void childSitemapsAreCappedOverAllLevelsNewestFirst() {
        index("/index.xml", child("/old.xml", NOW.minus(Duration.ofHours(30))), child("/new.xml", NOW),
                child("/mid.xml", NOW.minus(Duration.ofHours(5))));
        urlset("/old.xml", entry("/a/old"));
        urlset("/new.xml", entry("/a/new"));
        urlset("/mid.xml", entry("/a/mid"));

        SitemapWalk.Result r = walk(new SitemapWalk(3, 2, 100), "/index.xml");

        assertThat(requested).containsExactly(u("/new.xml"), u("/mid.xml"));
        assertThat(urls(r)).containsExactly(u("/a/new"), u("/a/mid"));
        assertThat(r.truncated()).isTrue();
    }

    @Test
    void entriesAreCappedInAllAndNoChildIsReadOnceTheCapIsFull() {
        List<Entry> many = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            many.add(entry("/a/" + i));
        }
        site.put(u("/index.xml"), new Sitemap(List.of(child("/more.xml", NOW), child("/again.xml", NOW)),
                many.subList(0, 3)));
        site.put(u("/more.xml"), new Sitemap(List.of(), many.subList(3, 8)));
        urlset("/again.xml", entry("/a/again"));

        SitemapWalk.Result r = walk(new SitemapWalk(3, 10, 5), "/index.xml");

        assertThat(urls(r)).containsExactly(u("/a/0"), u("/a/1"), u("/a/2"), u("/a/3"), u("/a/4"));
        assertThat(requested).containsExactly(u("/more.xml"));
        assertThat(r.truncated()).isTrue();
    }
}
