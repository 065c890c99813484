package io.dyad.ingest.service;

/** What became of one article: published now, or already published before (same canonical URL). */
public record IngestResult(String articleId, String storyId, boolean published) {

    public String status() {
        return published ? "published" : "duplicate";
    }
}
