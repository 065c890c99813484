package io.dyad.alert.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dyad.alert.delivery.DigestPayload;
import io.dyad.alert.delivery.DigestSlackMessage;
import io.dyad.alert.delivery.EmailMessage;
import io.dyad.alert.email.DigestMail;
import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.contracts.TaggedArticle;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grouping, ranking and each channel's limits, on digests built from fixture articles. */
class DigestRenderingTest {

    private static final Instant START = Instant.parse("2026-11-27T07:00:00Z");
    private static final Instant END = Instant.parse("2026-11-28T07:00:00Z");

    private static DigestBuilder.Entry entry(TaggedArticle a, List<String> issues, int minute) {
        return new DigestBuilder.Entry(a.storyId(), List.of("MX-US"), List.of(), issues,
                START.plusSeconds(60L * minute), a);
    }

    private static Digest digest(List<DigestBuilder.Entry> entries, String name) {
        return DigestBuilder.build(new DigestBuilder.Header("d-1", "s-1", name, Frequency.DAILY,
                ZoneId.of("Europe/Madrid"), START, END, "https://dyad.example/feeds/abc.atom"), entries);
    }

    @Test
    void storiesAreGroupedUnderTheirStrongestMatchedIssueEachOnce() {
        TaggedArticle a = TaggedArticleFixtures.usMexicoTrade().build();
        TaggedArticle b = TaggedArticleFixtures.usMexicoTrade().build();
        TaggedArticle c = TaggedArticleFixtures.usMexicoTrade().build();
        TaggedArticle aAgain = TaggedArticleFixtures.usMexicoTrade().storyId(a.storyId()).build();
        // a and b matched trade and migration (trade is scored higher: 0.8 > 0.6); c matched migration only
        Digest d = digest(List.of(entry(a, List.of("migration", "trade"), 1), entry(b, List.of("migration",
                "trade"), 2), entry(c, List.of("migration"), 3), entry(aAgain, List.of("trade"), 4)), "n");
        assertThat(d.storyCount()).isEqualTo(3);
        assertThat(d.groups()).extracting(Digest.Group::issue).containsExactly("trade", "migration");
        assertThat(d.groups().get(0).stories()).extracting(Digest.Story::storyId)
                .containsExactly(b.storyId(), a.storyId()).as("same score: newest first");
        assertThat(d.groups().get(0).stories().get(0).issues()).containsExactly("migration", "trade");
        assertThat(d.groups().get(1).stories()).extracting(Digest.Story::storyId).containsExactly(c.storyId());
        assertThat(d.groups().get(0).stories().get(0).sentences().get(0))
                .contains("Officials from Mexico and the United States");
        // no issue filter: the article's own issues name the group
        Digest unfiltered = digest(List.of(entry(a, List.of(), 1)), "n");
        assertThat(unfiltered.groups().get(0).issue()).isEqualTo("trade");
    }

    @Test
    void slackStaysWithinBlockKitLimitsWhateverTheWindowHolds() throws Exception {
        List<DigestBuilder.Entry> entries = new ArrayList<>();
        String[] issues = {"trade", "migration", "border", "energy", "health", "justice", "water", "labor",
            "finance", "economy", "defense", "arms", "sanctions", "elections", "corruption", "agriculture",
            "diplomacy", "terrorism", "environment", "human_rights", "foreign_aid", "organized_crime"};
        for (int i = 0; i < 300; i++) {
            TaggedArticle a = TaggedArticleFixtures.usMexicoTrade().build();
            entries.add(entry(a, List.of(issues[i % issues.length]), i));
        }
        String longName = "<!channel> " + "x".repeat(400);
        Map<String, Object> message = DigestSlackMessage.of(digest(entries, longName));
        JsonNode m = TaggedArticleFixtures.MAPPER.valueToTree(message);
        JsonNode blocks = m.get("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(DigestSlackMessage.MAX_BLOCKS);
        assertThat(blocks.get(0).at("/text/text").asText().length()).isLessThanOrEqualTo(150);
        assertThat(m.toString()).doesNotContain("<!channel>");
        int stories = 0;
        for (JsonNode block : blocks) {
            assertThat(block.at("/text/text").asText().length()).isLessThanOrEqualTo(3000);
            if (block.at("/text/text").asText().contains("Pairs: MX-US")) {
                stories++;
            }
        }
        assertThat(stories).isEqualTo(DigestSlackMessage.MAX_STORIES);
        assertThat(blocks.get(blocks.size() - 1).at("/text/text").asText())
                .contains("280 more stories").contains("<https://dyad.example/feeds/abc.atom|");
        assertThat(m.get("text").asText().length()).isLessThanOrEqualTo(3000);
    }

    @Test
    void slackEscapesFeedTextAndKeepsHugeLinksOutOfTheSection() throws Exception {
        TaggedArticle evil = TaggedArticleFixtures.usMexicoTrade().source("<!here> & <https://evil|x>").build();
        Digest d = digest(List.of(entry(evil, List.of("trade"), 1)), "a & b");
        JsonNode m = TaggedArticleFixtures.MAPPER.valueToTree(DigestSlackMessage.of(d));
        String all = m.toString();
        assertThat(all).doesNotContain("<!here>").doesNotContain("<https://evil|x>")
                .contains("&lt;!here&gt; &amp; &lt;https://evil|x&gt;");
        assertThat(m.at("/blocks/0/text/text").asText()).contains("a &amp; b").doesNotContain("more");
        assertThat(m.get("blocks").size()).isEqualTo(4); // header, window, one heading, one story
        assertThat(m.at("/blocks/1/elements/0/text").asText())
                .isEqualTo("daily digest · Fri 27 Nov 2026 08:00 – Sat 28 Nov 2026 08:00 (Europe/Madrid)");
    }

    @Test
    void theMailListsEveryStoryWithWhyAndEscapesHtml() throws Exception {
        TaggedArticle a = TaggedArticleFixtures.usMexicoTrade().source("<script>alert(1)</script>").build();
        TaggedArticle b = TaggedArticleFixtures.usMexicoTrade().build();
        EmailMessage mail = DigestMail.of(digest(List.of(entry(a, List.of("trade"), 1), entry(b,
                List.of("migration"), 2)), "US–Mexico\r\nBcc: x@y.z"), new DigestMail.Context("r@example.org",
                "<d-1@dyad.example>", "https://dyad.example/email/unsubscribe?token=t", END));
        assertThat(mail.subject()).isEqualTo("[Dyad digest] US–Mexico Bcc: x@y.z: 2 stories, Sat 28 Nov 2026")
                .doesNotContain("\n");
        assertThat(mail.messageId()).isEqualTo("<d-1@dyad.example>");
        assertThat(mail.headers()).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .containsEntry("List-Unsubscribe", "<https://dyad.example/email/unsubscribe?token=t>");
        assertThat(mail.text()).contains("== Trade (1 story) ==").contains("== Migration (1 story) ==")
                .contains(a.url()).contains(b.url()).contains("Why: Country pairs: MX-US · Issues: trade")
                .contains("\"Mexico City — Officials from Mexico and the United States signed a trade accord");
        assertThat(mail.html()).doesNotContain("<script>").contains("&lt;script&gt;")
                .contains("<a href=\"" + a.url() + "\">");
    }

    @Test
    void theWebhookBodyListsTheStrongestStoriesAndSaysHowManyMore() throws Exception {
        List<DigestBuilder.Entry> entries = new ArrayList<>();
        for (int i = 0; i < DigestPayload.MAX_STORIES + 3; i++) {
            entries.add(entry(TaggedArticleFixtures.usMexicoTrade().build(), List.of("trade"), i));
        }
        DigestPayload p = DigestPayload.of(digest(entries, "n"));
        assertThat(p.storyCount()).isEqualTo(DigestPayload.MAX_STORIES + 3);
        assertThat(p.listed()).isEqualTo(DigestPayload.MAX_STORIES);
        assertThat(p.more()).isEqualTo(3);
        assertThat(p.feed()).isEqualTo("https://dyad.example/feeds/abc.atom");
        JsonNode json = TaggedArticleFixtures.MAPPER.valueToTree(p);
        assertThat(json.at("/window/start").asText()).isEqualTo("2026-11-27T07:00:00Z");
        assertThat(json.at("/groups/0/stories/0/matched/pairs/0").asText()).isEqualTo("MX-US");
    }
}
