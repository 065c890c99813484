package io.dyad.ingest.story;

import io.dyad.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds the story a new article belongs to when it is a near-duplicate (a rewritten or lightly edited copy) of an
 * article seen within {@code stories.window}: the earlier article with the highest estimated Jaccard similarity of
 * word 3-shingles, if that reaches {@code stories.threshold}. Runs inside the ingest transaction.
 */
@ApplicationScoped
public class StoryMatcher {

    /** The signature of a new article; null fields when the text is too short to compare. */
    public record Fingerprint(int[] signature, long[] bands) {
        public boolean comparable() {
            return signature != null;
        }
    }

    /** The story an article joins, with the similarity that decided it. */
    public record Match(String storyId, String articleId, double similarity) {
    }

    @Inject
    IngestConfig config;

    @Inject
    StoryRepository stories;

    public Fingerprint fingerprint(String text) {
        if (!config.stories().enabled()) {
            return new Fingerprint(null, null);
        }
        int[] sig = MinHasher.signature(text, config.stories().minWords());
        return new Fingerprint(sig, sig == null ? null : MinHasher.bands(sig));
    }

    /** Locks the article's bands and returns the best earlier match within the window, if any. */
    public Optional<Match> nearest(Fingerprint fp, Instant now) {
        if (!fp.comparable()) {
            return Optional.empty();
        }
        stories.lockBands(fp.bands());
        Instant since = now.minus(config.stories().window());
        Match best = null;
        for (StoryRepository.Candidate c : stories.candidates(fp.bands(), since, config.stories().maxCandidates())) {
            double sim = MinHasher.similarity(fp.signature(), c.signature());
            if (sim >= config.stories().threshold() && (best == null || sim > best.similarity())) {
                best = new Match(c.storyId(), c.articleId(), sim);
            }
        }
        return Optional.ofNullable(best);
    }

    public void remember(String articleId, Fingerprint fp) {
        if (fp.comparable()) {
            stories.storeSignature(articleId, fp.signature(), fp.bands());
        }
    }
}
