package io.dyad.alert.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.alert.delivery.AlertPayload;
import io.dyad.alert.delivery.EmailMessage;
import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.contracts.Evidence;
import io.dyad.contracts.TaggedArticle;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertMailTest {

    private static final String UNSUBSCRIBE = "https://alerts.example.org/email/unsubscribe?token=abc";

    private static EmailMessage mail(TaggedArticle article, List<String> pairs, List<String> issues, boolean test) {
        AlertPayload payload = new AlertPayload("d-1", new AlertPayload.SubscriptionRef("s-1", "<b>Watch</b> & co"),
                new AlertPayload.ArticleRef(article.articleId(), article.storyId(), article.title(), article.url(),
                        article.source().name(), article.publishedAt(), article.language()),
                new AlertPayload.Matched(pairs, issues),
                List.of(article.pairs().get(0).evidence().get(0)));
        return AlertMail.of(payload, article, new AlertMail.Context("ana@example.org", "<d-1@alerts.example.org>",
                UNSUBSCRIBE, List.of(), Instant.parse("2026-01-02T03:04:05Z"), test));
    }

    @Test
    void feedTextIsEscapedInHtmlAndTheSubjectIsOneLine() {
        TaggedArticle article = TaggedArticleFixtures.usMexicoTrade().source("<script>alert(1)</script>").build();
        TaggedArticle hostile = new TaggedArticle(1, article.articleId(), article.storyId(),
                "javascript:alert(1)", article.canonicalUrl(), article.source(),
                "Mexico <img src=x onerror=alert(1)>\r\nBcc: victim@example.org", article.summary(), article.text(),
                article.language(), article.authors(), article.publishedAt(), article.fetchedAt(),
                article.contentHash(), article.countries(), article.pairs(), article.issues(),
                article.classifierVersion(), article.classifiedAt());

        EmailMessage m = mail(hostile, List.of("MX-US"), List.of("trade"), false);

        assertThat(m.subject()).doesNotContain("\r").doesNotContain("\n")
                .isEqualTo("[Dyad] MX-US: Mexico <img src=x onerror=alert(1)> Bcc: victim@example.org");
        assertThat(m.html()).doesNotContain("<script>").doesNotContain("<img").contains("&lt;script&gt;")
                .contains("&lt;b&gt;Watch&lt;/b&gt; &amp; co")
                .doesNotContain("href=\"javascript:"); // only http(s) links are made
        assertThat(m.headers()).containsEntry("List-Unsubscribe", "<" + UNSUBSCRIBE + ">")
                .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        assertThat(m.messageId()).isEqualTo("<d-1@alerts.example.org>");
    }

    @Test
    void saysWhyEvenWithoutAnIssueFilterAndMarksTests() {
        TaggedArticle article = TaggedArticleFixtures.usMexicoTrade().build();
        EmailMessage m = mail(article, List.of("MX-US"), List.of(), true);
        assertThat(m.subject()).startsWith("[Dyad TEST] MX-US: ");
        assertThat(m.text()).startsWith("This is a TEST alert").contains("Issues in the article: trade, migration")
                .contains("Delivered: 2026-01-02T03:04:05Z").contains("Unsubscribe at once: " + UNSUBSCRIBE);
    }

    @Test
    void evidenceBecomesItsSentence() {
        String text = "First one. Officials from Mexico met here today! Third? Yes.";
        int start = text.indexOf("Mexico");
        assertThat(Sentences.around(text, start, start + 6, "x")).isEqualTo("Officials from Mexico met here today!");
        assertThat(Sentences.around(text, 0, 5, "x")).isEqualTo("First one.");
        assertThat(Sentences.around(text, 50, 500, "fallback")).isEqualTo("fallback");
        assertThat(Sentences.around("Line one\nMexico again", 9, 15, "x")).isEqualTo("Mexico again");
        String longSentence = "a ".repeat(400) + "Mexico" + " b".repeat(400) + ".";
        int at = longSentence.indexOf("Mexico");
        String cut = Sentences.around(longSentence, at, at + 6, "x");
        assertThat(cut).contains("Mexico").startsWith("…").endsWith("…").hasSizeLessThan(320);
        assertThat(AlertMail.sentences(List.of(new Evidence("text", 11, 17, "Offici"),
                new Evidence("text", 26, 32, "Mexico")), null)).containsExactly("Offici", "Mexico");
    }

    @Test
    void addressesAreCheckedConservatively() {
        assertThat(EmailAddresses.normalize(" Ana.P+x@Example.ORG ")).isEqualTo("Ana.P+x@example.org");
        for (String bad : new String[] {"a@b", "a..b@example.org", ".a@example.org", "a@-x.org", "a@x_y.org",
                "\"quoted\"@example.org", "a@[127.0.0.1]", "a,b@example.org", "a@example.org\nBcc: b@example.org",
                "x".repeat(65) + "@example.org", "a@" + "x".repeat(250) + ".org"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmailAddresses.normalize(bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(EmailAddresses.mask("ana@example.org")).isEqualTo("a…@example.org");
        assertThat(Tokens.looksValid(Tokens.newToken())).isTrue();
        assertThat(Tokens.looksValid("short")).isFalse();
        assertThat(Tokens.newToken()).isNotEqualTo(Tokens.newToken());
    }
}
