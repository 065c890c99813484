package io.dyad.systemtests.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.dyad.contracts.RawArticle;
import io.dyad.testsupport.FreePorts;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Channels that refuse for a while and then accept. alert-service's production retry schedule (Standard Webhooks: at
 * once, 5 s, 5 min, 30 min, …) would make an endpoint down "for minutes" take minutes; these tests use what fits in
 * seconds: the 5 s step (the fault tests compress only the later steps) and the receiver's Retry-After, which can
 * lengthen a wait but never shorten it. SMTP is GreenMail, a real SMTP server, stopped (connection refused) and
 * started again on the same port.
 */
class ChannelOutageIT extends FaultTest {

    private static final int ARTICLES = 5;
    private static final long OUTAGE_MS = 8000;


    private final int smtpPort = FreePorts.next();
    private GreenMail smtp;

    @BeforeAll
    void start() {
        smtp = startSmtp();
        system = new FaultSystem("channel-outage", 3).startInfrastructure()
                .withEnv(FaultSystem.ALERT, Map.of("QUARKUS_MAILER_HOST", "127.0.0.1",
                        "QUARKUS_MAILER_PORT", String.valueOf(smtpPort)));
        system.startInstance(FaultSystem.CLASSIFY);
        system.startInstance(FaultSystem.ALERT);
    }

    private GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    @AfterEach
    void receiverAnswersOkAgain() {
        system.receiver.behave(Receiver.ALWAYS_OK);
    }

    @AfterAll
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void smtpServerRefusingConnectionsThenBackGetsEachAlertMailOnce() throws Exception {
        String address = "analyst@dyad.example";
        String id = FaultSystem.api(system.live(FaultSystem.ALERT)).contentType(ContentType.JSON).body("""
                {"name":"smtp","filter":{"pairs":["MX-US"],"countries":[],"issues":[]},
                 "channel":{"type":"email","address":"%s"}}""".formatted(address))
                .when().post("/subscriptions").then().statusCode(201).extract().path("id").toString();
        subscriptions.add(new Subscription(id, "MX-US", null));
        // double opt-in: follow the link of the confirmation mail
        assertThat(smtp.waitForIncomingEmail(60_000, 1)).as("confirmation mail").isTrue();
        Matcher token = Pattern.compile("confirm\\?token=([A-Za-z0-9_-]+)").matcher(text(smtp.getReceivedMessages()[0]));
        assertThat(token.find()).as("confirmation link in the mail").isTrue();
        given().baseUri(system.live(FaultSystem.ALERT).baseUrl()).queryParam("token", token.group(1))
                .when().get("/email/confirm").then().statusCode(200);

        smtp.stop(); // connection refused from now on
        List<RawArticle> articles = articles("smtp");
        system.publish(articles);
        FaultSystem.sleep(4000); // first attempts fail; the next comes 5 s later
        smtp = startSmtp();

        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (alertMails().size() < ARTICLES && System.nanoTime() < deadline) {
            FaultSystem.sleep(500);
        }
        FaultSystem.sleep(3000);
        List<MimeMessage> mails = alertMails();
        Set<String> messageIds = new HashSet<>();
        for (MimeMessage mail : mails) {
            messageIds.add(mail.getMessageID());
        }
        List<Map<String, Object>> sent = deliveries(subscriptions.get(0), "SENT");
        System.out.println("[faults] SMTP refusing connections ≈4 s: " + mails.size() + " alert mails, "
                + messageIds.size() + " distinct Message-IDs for " + ARTICLES + " stories; attempts per delivery "
                + sent.stream().map(d -> d.get("attempts")).toList());
        assertThat(mails).hasSize(ARTICLES);
        assertThat(messageIds).hasSize(ARTICLES);
        assertThat(mails).allSatisfy(m -> assertThat(m.getAllRecipients()[0].toString()).isEqualTo(address));
        assertThat(sent).hasSize(ARTICLES).allSatisfy(d -> assertThat((Integer) d.get("attempts")).isGreaterThanOrEqualTo(2));
    }

    /** Mails received by the current SMTP server other than confirmation mails. */
    private List<MimeMessage> alertMails() {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            try {
                if (!text(mail).contains("/email/confirm?token=")) {
                    out.add(mail);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** The decoded text of every part of {@code part}. */
    private static String text(Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i))).append('\n');
            }
            return all.toString();
        }
        return String.valueOf(content);
    }

    @Test
    void slackAnswering429WithRetryAfterForAWhileGetsEachMessageOnceAfterwards() {
        Subscription slack = system.slack("slack-429", "MX-US");
        subscriptions.add(slack);
        system.receiver.behave(Receiver.refusingFor(OUTAGE_MS, new Receiver.Answer(429, "2")));
        system.publish(articles("slack"));

        List<Receiver.Call> calls = awaitSuccesses(slack.path(), ARTICLES, Duration.ofSeconds(90));
        Map<String, List<Receiver.Call>> byMessage = calls.stream().collect(Collectors.groupingBy(Receiver.Call::key));
        List<Receiver.Call> successes = calls.stream().filter(Receiver.Call::success)
                .sorted(Comparator.comparing(Receiver.Call::at)).toList();
        System.out.println("[faults] Slack 429 (Retry-After: 2) for " + OUTAGE_MS / 1000 + " s: " + calls.size() + " calls ("
                + calls.stream().filter(c -> c.status() == 429).count() + " × 429), " + byMessage.size()
                + " messages, " + successes.size() + " accepted; smallest gap between retries of one message "
                + smallestRetryGap(byMessage) + " ms, between accepted messages " + smallestGap(successes) + " ms");
        assertThat(byMessage).hasSize(ARTICLES);
        assertThat(byMessage.values()).allSatisfy(tries ->
                assertThat(tries.stream().filter(Receiver.Call::success).count()).isEqualTo(1));
        assertThat(calls.stream().filter(c -> c.status() == 429).count()).as("refused more than once each on average")
                .isGreaterThan(ARTICLES);
        // Retry-After: 2 is honoured (no retry of one message sooner than ~2 s), and Slack's 1 message/s per webhook
        assertThat(smallestRetryGap(byMessage)).isGreaterThanOrEqualTo(1800);
        assertThat(smallestGap(successes)).isGreaterThanOrEqualTo(900);
    }

    @Test
    void webhookEndpointRefusingConnectionsThenBackGetsEachAlertOnce() {
        Subscription hook = system.webhook("refused", "MX-US");
        subscriptions.add(hook);
        system.receiver.goDown();
        List<RawArticle> articles = articles("refused");
        system.publish(articles);
        // first attempts meet "connection refused"; the next comes 5 s later
        FaultSystem.sleep(4000);
        system.receiver.comeBack();

        Tally tally = system.awaitDelivered(List.of(hook), Articles.storiesOf(articles)::contains, Duration.ofSeconds(90));
        List<Map<String, Object>> sent = deliveries(hook, "SENT");
        System.out.println("[faults] webhook refusing connections ≈4 s: " + tally + "; attempts per delivery "
                + sent.stream().map(d -> d.get("attempts")).toList() + ", last error " + sent.get(0).get("lastError"));
        assertThat(tally.expected()).isEqualTo(ARTICLES);
        assertThat(tally.complete()).as(tally.toString()).isTrue();
        assertThat(tally.repeatedSuccesses()).isZero();
        assertThat(sent).hasSize(ARTICLES).allSatisfy(d -> assertThat((Integer) d.get("attempts")).isGreaterThanOrEqualTo(2));
    }

    @Test
    void webhookEndpointAnswering503WithRetryAfterForAWhileThenBackGetsEachAlertOnce() {
        // 4 s of 503 + Retry-After: 1: the short Retry-After does not shorten the schedule's 5 s step, so each alert
        // spends one attempt on the outage and is delivered by the second
        unavailableWithRetryAfterThenBack(4000, 503);
    }

    /**
     * This test first found that a short Retry-After replaced the schedule's step and every such retry counted as one
     * of the 8 attempts: an endpoint answering Retry-After: 1 for 12 s exhausted every alert's attempts (40 calls,
     * 0 delivered, 5 FAILED). Now a 429 is rate limiting: its calls are not counted as attempts, so an endpoint
     * rate limiting for longer than eight retries still gets every alert, once.
     */
    @Test
    void webhookEndpointRateLimitingForLongerThanEightRetriesStillGetsEachAlert() {
        List<Map<String, Object>> sent = unavailableWithRetryAfterThenBack(12_000, 429);
        assertThat(sent).allSatisfy(d -> assertThat((Integer) d.get("attempts")).as("429s are not attempts")
                .isEqualTo(1));
    }

    private List<Map<String, Object>> unavailableWithRetryAfterThenBack(long outageMs, int status) {
        Subscription hook = system.webhook("unavailable-" + status + "-" + outageMs, "MX-US");
        subscriptions.add(hook);
        system.receiver.behave(Receiver.refusingFor(outageMs, new Receiver.Answer(status, "1")));
        List<RawArticle> articles = articles("unavailable-" + status + "-" + outageMs);
        system.publish(articles);

        Tally tally = system.awaitDelivered(List.of(hook), Articles.storiesOf(articles)::contains, Duration.ofSeconds(90));
        System.out.println("[faults] webhook " + status + " + Retry-After: 1 for " + outageMs / 1000 + " s: " + tally);
        assertThat(tally.expected()).isEqualTo(ARTICLES);
        assertThat(tally.complete()).as(tally.toString()).isTrue();
        assertThat(tally.repeatedSuccesses()).isZero();
        assertThat(tally.failedCalls()).as("every alert refused at least once").isGreaterThanOrEqualTo(ARTICLES);
        assertThat(deliveries(hook, "FAILED")).isEmpty();
        return deliveries(hook, "SENT");
    }

    private List<RawArticle> articles(String tag) {
        return Articles.usMexicoBatch(system.run + "-" + tag, ARTICLES);
    }


    private List<Map<String, Object>> deliveries(Subscription subscription, String status) {
        String body = FaultSystem.api(system.live(FaultSystem.ALERT)).queryParam("status", status)
                .queryParam("limit", 100).when().get("/subscriptions/" + subscription.id() + "/deliveries")
                .then().statusCode(200).extract().asString();
        return JsonPath.from(body).getList("$");
    }

    /** The calls to {@code path} once {@code n} distinct messages were accepted, after a quiet period. */
    private List<Receiver.Call> awaitSuccesses(String path, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (system.receiver.calls(path).stream().filter(Receiver.Call::success).map(Receiver.Call::key)
                .distinct().count() < n && System.nanoTime() < deadline) {
            FaultSystem.sleep(250);
        }
        FaultSystem.sleep(3000);
        return system.receiver.calls(path);
    }

    private static long smallestRetryGap(Map<String, List<Receiver.Call>> byMessage) {
        return byMessage.values().stream().mapToLong(tries -> smallestGap(tries.stream()
                .sorted(Comparator.comparing(Receiver.Call::at)).toList())).min().orElse(Long.MAX_VALUE);
    }

    private static long smallestGap(List<Receiver.Call> ordered) {
        long smallest = Long.MAX_VALUE;
        for (int i = 1; i < ordered.size(); i++) {
            smallest = Math.min(smallest, Duration.between(ordered.get(i - 1).at(), ordered.get(i).at()).toMillis());
        }
        return smallest;
    }
}
