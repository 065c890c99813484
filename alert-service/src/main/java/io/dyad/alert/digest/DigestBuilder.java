package io.dyad.alert.digest;

import io.dyad.alert.email.AlertMail;
import io.dyad.alert.matching.EvidenceSelector;
import io.dyad.contracts.IssueTag;
import io.dyad.contracts.PairTag;
import io.dyad.contracts.TaggedArticle;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a {@link Digest} from the stories of one window (each story once, by storyId). */
public final class DigestBuilder {

    private DigestBuilder() {
    }

    /** One matched story of the window: what matched and the stored article. */
    public record Entry(String storyId, List<String> pairs, List<String> countries, List<String> issues,
            Instant matchedAt, TaggedArticle article) {
    }

    /** What the digest is of. */
    public record Header(String id, String subscriptionId, String subscriptionName, Frequency frequency, ZoneId zone,
            Instant windowStart, Instant windowEnd, String feedUrl) {
    }

    public static Digest build(Header h, List<Entry> entries) {
        Map<String, Digest.Story> stories = new LinkedHashMap<>();
        Map<String, String> issueOf = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (stories.containsKey(e.storyId())) {
                continue; // the outbox holds one row per story; this only guards the rendering
            }
            TaggedArticle a = e.article();
            List<String> issues = e.issues().isEmpty() ? articleIssues(a) : e.issues();
            var evidence = EvidenceSelector.select(a, e.pairs(), e.countries(), e.issues());
            stories.put(e.storyId(), new Digest.Story(a.articleId(), e.storyId(), a.title(), a.url(),
                    a.source() == null ? null : a.source().name(), a.publishedAt(), e.matchedAt(), e.pairs(),
                    e.countries(), issues, evidence, AlertMail.sentences(evidence, a), score(a, e.pairs(), issues)));
            issueOf.put(e.storyId(), strongestIssue(a, issues));
        }
        List<Digest.Story> all = new ArrayList<>(stories.values());
        return new Digest(h.id(), h.subscriptionId(), h.subscriptionName(), h.frequency(), h.zone(), h.windowStart(),
                h.windowEnd(), h.feedUrl(), all.size(), Digest.group(all, issueOf));
    }

    private static List<String> articleIssues(TaggedArticle a) {
        if (a.issues() == null) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        a.issues().forEach(i -> ids.add(i.id()));
        return ids.stream().sorted().toList();
    }

    /** Of the story's issues, the one the classifier scored highest; "other" when it has none. */
    private static String strongestIssue(TaggedArticle a, List<String> issues) {
        String best = null;
        double bestScore = -1;
        for (String id : issues) {
            double s = a.issues() == null ? 0 : a.issues().stream().filter(t -> t.id().equals(id))
                    .mapToDouble(IssueTag::score).max().orElse(0);
            if (s > bestScore) {
                best = id;
                bestScore = s;
            }
        }
        return best == null ? Digest.OTHER : best;
    }

    /** The strongest matched pair or issue tag (0…1). */
    private static double score(TaggedArticle a, List<String> pairs, List<String> issues) {
        double best = 0;
        if (a.pairs() != null) {
            for (PairTag p : a.pairs()) {
                if (pairs.contains(p.pair())) {
                    best = Math.max(best, p.score());
                }
            }
        }
        if (a.issues() != null) {
            for (IssueTag i : a.issues()) {
                if (issues.contains(i.id())) {
                    best = Math.max(best, i.score());
                }
            }
        }
        return best;
    }
}
