package io.dyad.ingest.service;

import io.dyad.ingest.feed.ArticleDraft;
import io.dyad.ingest.feed.ArticleMapper;
import io.dyad.ingest.feed.UnusableItemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** Articles posted to the API: the same dedup and publishing as feed items, with source "api". */
@ApplicationScoped
public class ArticleSubmissionService {

    @Inject
    ArticleMapper mapper;

    @Inject
    ArticleIngestService ingest;

    /**
     * @throws InvalidRequestException when the URL is not an absolute http(s) URL
     * @throws io.dyad.ingest.messaging.PublishException when the broker does not acknowledge the article
     */
    public IngestResult submit(String url, String title, String text, Instant publishedAt) {
        ArticleDraft draft;
        try {
            draft = mapper.fromSubmission(url, title, text, publishedAt, Instant.now());
        } catch (UnusableItemException e) {
            throw new InvalidRequestException("url", e.getMessage());
        }
        return ingest.ingest(draft, null);
    }
}
