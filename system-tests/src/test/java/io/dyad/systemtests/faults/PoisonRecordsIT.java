package io.dyad.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dyad.contracts.RawArticle;
import io.dyad.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Poison records on each topic: not JSON, a schemaVersion this pipeline does not read, and a huge record (~900 KB,
 * near the broker's 1 MB limit). Each lands in its topic's {@code .dlq} with a {@code dead-letter-reason} header, and a
 * good article published after them on the same partition (same key) is still alerted, once.
 */
class PoisonRecordsIT extends FaultTest {

    private static final int HUGE_CHARS = 900_000;


    @BeforeAll
    void start() {
        system = new FaultSystem("poison", 3).startInfrastructure();
        system.startInstance(FaultSystem.CLASSIFY);
        system.startInstance(FaultSystem.ALERT);
    }

    @Test
    void poisonOnEachTopicGoesToItsDeadLetterTopicWithTheReasonAndTheFlowContinues() {
        Subscription subscription = system.webhook("poison", "MX-US");
        RawArticle first = Articles.usMexico(system.run, 0);
        system.publish(List.of(first));

        // raw topic: three poison records, then a good article with the same key (same partition, after them)
        RawArticle afterRawPoison = Articles.usMexico(system.run, 1);
        String key = afterRawPoison.articleId();
        system.send(Topics.ARTICLES_RAW, key, "<html>this is not JSON</html>");
        system.send(Topics.ARTICLES_RAW, key, withSchemaVersion(Articles.json(afterRawPoison), 2));
        system.send(Topics.ARTICLES_RAW, key, "{\"junk\":\"" + "x".repeat(HUGE_CHARS) + "\"");
        system.publish(List.of(afterRawPoison));

        // tagged topic: the same three kinds, then a good article whose tagged record gets the same key
        RawArticle afterTaggedPoison = Articles.usMexico(system.run, 2);
        String taggedKey = afterTaggedPoison.articleId();
        String goodTagged = system.awaitTagged(first.articleId(), Duration.ofSeconds(60));
        system.send(Topics.ARTICLES_TAGGED, taggedKey, "{\"schemaVersion\":1,\"articleId\":");
        system.send(Topics.ARTICLES_TAGGED, taggedKey, withSchemaVersion(goodTagged, 2));
        system.send(Topics.ARTICLES_TAGGED, taggedKey, "[" + "\"x\",".repeat(HUGE_CHARS / 4) + "\"x\"]");
        system.publish(List.of(afterTaggedPoison));

        Set<String> stories = Set.of(first.storyId(), afterRawPoison.storyId(), afterTaggedPoison.storyId());
        Tally tally = system.awaitDelivered(List.of(subscription), stories::contains, Duration.ofSeconds(90));
        System.out.println("[faults] poison: " + tally);
        assertThat(tally.expected()).as("three good US–Mexico stories").isEqualTo(3);
        assertThat(tally.complete()).as(tally.toString()).isTrue();
        assertThat(tally.repeatedSuccesses()).isZero();

        Map<String, String> rawReasons = reasons(system.readAll(Topics.ARTICLES_RAW + Topics.DLQ_SUFFIX));
        Map<String, String> taggedReasons = reasons(system.readAll(Topics.ARTICLES_TAGGED + Topics.DLQ_SUFFIX));
        System.out.println("[faults] raw DLQ reasons: " + rawReasons.values());
        System.out.println("[faults] tagged DLQ reasons: " + taggedReasons.values());
        assertThat(rawReasons).hasSizeGreaterThanOrEqualTo(3);
        assertThat(taggedReasons).hasSizeGreaterThanOrEqualTo(3);
        assertThat(rawReasons.values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
        assertThat(taggedReasons.values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
        assertThat(String.join(" ", rawReasons.values())).containsIgnoringCase("schemaVersion");
        assertThat(String.join(" ", taggedReasons.values())).containsIgnoringCase("schemaVersion");
    }

    /**
     * A valid article near the broker's 1 MB record limit: classify-service's tagged record, carrying the whole text
     * plus the tags, would exceed the limit. Whatever becomes of it, the next article on its partition is alerted.
     */
    @Test
    void aValidArticleNearTheRecordLimitDoesNotStopItsPartition() {
        Subscription subscription = system.webhook("huge", "MX-US");
        RawArticle small = Articles.usMexico(system.run, 10);
        StringBuilder text = new StringBuilder(small.text());
        while (text.length() < 1_020_000) {
            text.append(" Officials in Mexico City and Washington met again on trade.");
        }
        RawArticle huge = Articles.withText(Articles.usMexico(system.run, 11), text.toString());
        RawArticle after = Articles.usMexico(system.run, 12);
        system.send(Topics.ARTICLES_RAW, after.articleId(), Articles.json(huge));
        system.publish(List.of(after));

        Tally tally = system.awaitDelivered(List.of(subscription), Set.of(huge.storyId(), after.storyId())::contains,
                Duration.ofSeconds(90));
        boolean hugeTagged = system.readAll(Topics.ARTICLES_TAGGED).stream().anyMatch(r -> r.value().contains(huge.articleId()));
        Map<String, String> rawDlq = reasons(system.readAll(Topics.ARTICLES_RAW + Topics.DLQ_SUFFIX));
        System.out.println("[faults] huge valid article: tagged=" + hugeTagged + ", raw DLQ now " + rawDlq.values()
                + "; " + tally);
        // measured: the tagged record stays under the limit, so the article is alerted like any other
        assertThat(hugeTagged).as("the near-limit article is tagged").isTrue();
        assertThat(tally.expected()).isEqualTo(2);
        assertThat(tally.complete()).as(tally.toString()).isTrue();
        assertThat(tally.repeatedSuccesses()).isZero();
    }

    /** The DLQ's records, value prefix (60 chars) → {@code dead-letter-reason}. */
    private static Map<String, String> reasons(List<ConsumerRecord<String, String>> dlq) {
        return dlq.stream().collect(Collectors.toMap(
                r -> r.value().substring(0, Math.min(60, r.value().length())) + "…(" + r.value().length() + ")",
                r -> {
                    Header reason = r.headers().lastHeader("dead-letter-reason");
                    return reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8);
                }, (a, b) -> a + " / " + b));
    }

    private static String withSchemaVersion(String json, int version) {
        ObjectNode node = (ObjectNode) FaultSystem.parse(json);
        node.put("schemaVersion", version);
        return node.toString();
    }
}
