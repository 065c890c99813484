package io.dyad.ingest.service;

import io.dyad.contracts.SourceRef;
import io.dyad.ingest.crawl.LinkFinder;
import io.dyad.ingest.extract.PageDecoder;
import io.dyad.ingest.feed.ArticleDraft;
import io.dyad.ingest.service.SourceStateStore.SourceSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A {@code web} source: the listing page's article links (CSS selector and/or URL pattern), each new one fetched and
 * extracted. A listing has no dates, so how often the source publishes is counted from the new articles it brought.
 */
@ApplicationScoped
public class WebSourceFetcher {

    /** Links beyond this many on one listing page are ignored (a listing is not a site map). */
    static final int MAX_LINKS = 500;

    @Inject
    PageArticleService pages;

    List<ArticleDraft> drafts(SourceSnapshot source, SourceRef ref, io.dyad.ingest.fetch.HttpFetchResult response,
            Instant fetchedAt, FetchService.Tally tally) {
        WebLinks rule = WebLinks.of(source.linkSelector(), source.linkPattern());
        String html = PageDecoder.decode(response.body(), response.contentType());
        List<URI> links = LinkFinder.links(html, response.uri(), rule);
        if (links.size() > MAX_LINKS) {
            links = links.subList(0, MAX_LINKS);
        }
        tally.items = links.size();
        tally.itemDates = List.of(); // no dates: the rate is counted from what arrived
        PageArticleService.Pages found = pages.drafts(
                links.stream().map(u -> new PageArticleService.PageLink(u, null, null)).toList(), ref, fetchedAt);
        tally.duplicates += found.known();
        tally.skipped += found.skipped();
        tally.pagesFailed += found.failed();
        tally.pagesDeferred += found.deferred();
        return found.drafts();
    }
}
