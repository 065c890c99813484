package io.dyad.alert.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dyad.contracts.ArticleIds;
import io.dyad.contracts.CountryPair;
import io.dyad.contracts.CountryTag;
import io.dyad.contracts.Evidence;
import io.dyad.contracts.IssueTag;
import io.dyad.contracts.PairTag;
import io.dyad.contracts.SourceRef;
import io.dyad.contracts.TaggedArticle;
import io.dyad.testsupport.ContractValidator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * TaggedArticle fixtures written for these tests: synthetic articles with tags and evidence spans that point at real
 * substrings of their title or text. Every JSON produced is checked against the contract schema.
 */
public final class TaggedArticleFixtures {

    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final Map<String, String> IPTC = Map.of("trade", "medtop:20000373", "migration",
            "medtop:20000771", "diplomacy", "medtop:20000639", "armed_conflict", "medtop:20000056");

    public static final String US_MX_TITLE = "Mexico and United States agree on new tariff rules at the border";
    public static final String US_MX_TEXT = "Mexico City — Officials from Mexico and the United States signed a trade "
            + "accord on Tuesday that cuts tariffs on steel. The deal also sets out how both governments will handle "
            + "migration at crossings along the shared border. Washington said exports to Mexico would rise.";

    public static final String JP_BR_TITLE = "Japan and Brazil sign a soybean export deal";
    public static final String JP_BR_TEXT = "Tokyo — Japan and Brazil agreed on Monday to expand soybean trade, with "
            + "Brazilian exporters gaining access to Japanese ports. Brasilia welcomed the trade agreement.";

    private TaggedArticleFixtures() {
    }

    /** A US–Mexico trade and migration story; a fresh URL (so articleId) and a story of its own. */
    public static Builder usMexicoTrade() {
        return new Builder("https://news.example.org/world/" + UUID.randomUUID(), US_MX_TITLE, US_MX_TEXT)
                .country("MX", 0.9, "Mexico").country("US", 0.8, "United States")
                .pair("MX-US", 0.85, "Officials from Mexico and the United States")
                .issue("trade", 0.8, "trade accord").issue("trade", 0.8, "tariffs")
                .issue("migration", 0.6, "migration at crossings");
    }

    /** A Japan–Brazil trade story: no US, no Mexico. */
    public static Builder japanBrazilTrade() {
        return new Builder("https://news.example.org/asia/" + UUID.randomUUID(), JP_BR_TITLE, JP_BR_TEXT)
                .country("JP", 0.9, "Japan").country("BR", 0.85, "Brazil")
                .pair("BR-JP", 0.8, "Japan and Brazil agreed")
                .issue("trade", 0.7, "soybean trade");
    }

    public static final class Builder {
        private final String url;
        private final String title;
        private final String text;
        private String storyId;
        private String sourceName = "Example Wire";
        private Instant publishedAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        private final List<CountryTag> countries = new ArrayList<>();
        private final List<PairTag> pairs = new ArrayList<>();
        private final List<IssueTag> issues = new ArrayList<>();

        Builder(String url, String title, String text) {
            this.url = url;
            this.title = title;
            this.text = text;
        }

        public Builder storyId(String storyId) {
            this.storyId = storyId;
            return this;
        }

        public Builder source(String name) {
            this.sourceName = name;
            return this;
        }

        public Builder publishedAt(Instant at) {
            this.publishedAt = at;
            return this;
        }

        public Builder country(String code, double score, String phrase) {
            countries.add(new CountryTag(code, score, 1, List.of(evidence(phrase))));
            return this;
        }

        public Builder pair(String pair, double score, String phrase) {
            pairs.add(new PairTag(CountryPair.parse(pair).toString(), score, List.of(evidence(phrase))));
            return this;
        }

        /** Adds an issue, or another evidence span to an issue already added. */
        public Builder issue(String id, double score, String phrase) {
            for (int i = 0; i < issues.size(); i++) {
                IssueTag tag = issues.get(i);
                if (tag.id().equals(id)) {
                    List<Evidence> more = new ArrayList<>(tag.evidence());
                    more.add(evidence(phrase));
                    issues.set(i, new IssueTag(id, tag.iptc(), tag.score(), more));
                    return this;
                }
            }
            issues.add(new IssueTag(id, IPTC.getOrDefault(id, "medtop:20000373"), score, List.of(evidence(phrase))));
            return this;
        }

        /** The span of {@code phrase} in the title, else in the text. */
        public Evidence evidence(String phrase) {
            int at = title.indexOf(phrase);
            if (at >= 0) {
                return new Evidence("title", at, at + phrase.length(), phrase);
            }
            at = text.indexOf(phrase);
            if (at < 0) {
                throw new IllegalArgumentException("fixture phrase not in the article: " + phrase);
            }
            return new Evidence("text", at, at + phrase.length(), phrase);
        }

        public TaggedArticle build() {
            String canonical = ArticleIds.canonicalUrl(url);
            String articleId = ArticleIds.articleId(canonical);
            Instant fetched = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            return new TaggedArticle(1, articleId, storyId == null ? articleId : storyId, url, canonical,
                    new SourceRef("src-example", sourceName, "rss", null, "en"), title, text.substring(0, 60), text,
                    "en", List.of("A. Reporter"), publishedAt, fetched, ArticleIds.contentHash(title, text),
                    List.copyOf(countries), List.copyOf(pairs), List.copyOf(issues), "fixture-1", fetched);
        }

        /** The article as schema-valid JSON. */
        public String json() {
            return TaggedArticleFixtures.json(build());
        }
    }

    public static String json(TaggedArticle article) {
        try {
            String json = MAPPER.writeValueAsString(article);
            ContractValidator.assertValid(ContractValidator.TAGGED_ARTICLE, json);
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
