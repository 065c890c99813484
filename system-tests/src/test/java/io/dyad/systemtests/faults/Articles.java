package io.dyad.systemtests.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dyad.contracts.ArticleIds;
import io.dyad.contracts.RawArticle;
import io.dyad.testsupport.ContractValidator;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Synthetic RawArticle v1 records, written for these tests: stories about the United States and Mexico (which the
 * classifier tags with pair MX-US) and control stories about Japan and Brazil (pair BR-JP). Each has its own URL, so
 * its own articleId and storyId.
 */
final class Articles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String[]> US_MEXICO = List.of(
            new String[] {"Mexico and the United States agree to cut tariffs on steel, round %d",
                "Officials in Mexico City and Washington said Mexico and the United States will lower tariffs on %d "
                        + "categories of steel and aluminium under their trade agreement."},
            new String[] {"United States and Mexico expand seasonal work visas in migration deal no. %d",
                "Mexico and the United States agreed to expand seasonal work visas, a migration measure that officials "
                        + "in Washington and Mexico City said would cover %d more workers."},
            new String[] {"Mexico and the United States open %d new lanes at border crossings",
                "Customs officials from the United States and Mexico said %d lanes would open at crossings between "
                        + "Texas and Chihuahua, easing trade along the border."},
            new String[] {"US and Mexico step up joint operation against fentanyl trafficking, phase %d",
                "Authorities in Mexico and the United States seized %d shipments of fentanyl precursors in a joint "
                        + "operation against drug trafficking, officials in Washington said."});

    private static final List<String[]> JAPAN_BRAZIL = List.of(
            new String[] {"Japan and Brazil sign soybean supply deal, lot %d",
                "Tokyo and Brasília agreed that Brazil will ship %d more tonnes of soybeans to Japan each year."},
            new String[] {"Brazil and Japan agree on ethanol research programme number %d",
                "Japanese and Brazilian researchers in Tokyo and São Paulo will run %d joint ethanol projects."});

    private Articles() {
    }

    /** The i-th US–Mexico story of run {@code run}. */
    static RawArticle usMexico(String run, int i) {
        return article(run, "us-mx", i, US_MEXICO.get(i % US_MEXICO.size()));
    }

    /** US–Mexico stories 0 … {@code count - 1} of run {@code run}. */
    static List<RawArticle> usMexicoBatch(String run, int count) {
        return IntStream.range(0, count).mapToObj(i -> usMexico(run, i)).toList();
    }

    /** The story ids of {@code articles}. */
    static Set<String> storiesOf(List<RawArticle> articles) {
        return articles.stream().map(RawArticle::storyId).collect(Collectors.toSet());
    }

    /** The i-th Japan–Brazil story of run {@code run}: no US–Mexico subscription may hear of it. */
    static RawArticle japanBrazil(String run, int i) {
        return article(run, "jp-br", i, JAPAN_BRAZIL.get(i % JAPAN_BRAZIL.size()));
    }

    /** {@code text} padded with sentences up to about {@code chars} characters. */
    static RawArticle withText(RawArticle article, String text) {
        return new RawArticle(article.schemaVersion(), article.articleId(), article.storyId(), article.url(),
                article.canonicalUrl(), article.source(), article.title(), article.summary(), text, article.language(),
                article.authors(), article.publishedAt(), article.fetchedAt(),
                ArticleIds.contentHash(article.title(), text));
    }

    /**
     * Sixty reference codes unique to one article. Without them the articles of one template differ by a number
     * only, and ingest-service rightly files them as near-duplicates of one story (MinHash), one alert in all.
     */
    private static String fileReferences(String seed) {
        Random random = new Random(seed.hashCode());
        StringBuilder refs = new StringBuilder("Filing references:");
        for (int j = 0; j < 60; j++) {
            refs.append(" ref").append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
        }
        return refs.append('.').toString();
    }

    private static RawArticle article(String run, String kind, int i, String[] template) {
        String url = "https://wire.example/" + run + "/" + kind + "/" + i;
        String canonical = ArticleIds.canonicalUrl(url);
        String id = ArticleIds.articleId(canonical);
        String title = template[0].formatted(i + 1);
        String text = template[1].formatted(i + 2) + " The announcement was the " + (i + 1)
                + "th of its kind this year, according to a statement published on the ministry's site. "
                + fileReferences(run + kind + i);
        Instant now = Instant.now();
        return new RawArticle(RawArticle.SCHEMA_VERSION, id, id, url, canonical,
                new io.dyad.contracts.SourceRef("faults", "Fault Test Wire", "api", null, "en"), title,
                text.substring(0, text.indexOf('.') + 1), text, "en", List.of("Fault Desk"), now, now,
                ArticleIds.contentHash(title, text));
    }

    /** RawArticle v1 JSON (instants as ISO-8601), checked against the contract's schema. */
    static String json(RawArticle a) {
        ObjectNode node = JSON.createObjectNode();
        node.put("schemaVersion", a.schemaVersion());
        node.put("articleId", a.articleId());
        node.put("storyId", a.storyId());
        node.put("url", a.url());
        node.put("canonicalUrl", a.canonicalUrl());
        ObjectNode source = node.putObject("source");
        source.put("id", a.source().id());
        source.put("name", a.source().name());
        source.put("type", a.source().type());
        if (a.source().language() != null) {
            source.put("language", a.source().language());
        }
        node.put("title", a.title());
        node.put("summary", a.summary());
        node.put("text", a.text());
        node.put("language", a.language());
        a.authors().forEach(node.putArray("authors")::add);
        node.put("publishedAt", a.publishedAt().toString());
        node.put("fetchedAt", a.fetchedAt().toString());
        node.put("contentHash", a.contentHash());
        String json = node.toString();
        ContractValidator.assertValid(ContractValidator.RAW_ARTICLE, json);
        return json;
    }
}
