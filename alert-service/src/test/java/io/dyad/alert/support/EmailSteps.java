package io.dyad.alert.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a subscriber does with e-mail channels in tests: subscribe through the API, read mails, follow links. */
public final class EmailSteps {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern CONFIRM_LINK = Pattern.compile(
            "http://[^\\s\"<>]+/email/confirm\\?token=([A-Za-z0-9_-]{43})");

    private EmailSteps() {
    }

    /** A US–Mexico (trade or migration) subscription mailing {@code address}; the create answer. */
    public static JsonPath subscribe(RequestSpecification as, String address) {
        return as.contentType(ContentType.JSON)
                .body(Map.of("name", "US–Mexico by mail", "filter", Map.of("pairs", List.of("US-MX"),
                                "issues", List.of("trade", "migration")),
                        "channel", Map.of("type", "email", "address", address)))
                .when().post("/subscriptions").then().statusCode(201).extract().jsonPath();
    }

    public static List<MimeMessage> awaitMails(String address, int count) {
        await().atMost(WAIT).until(() -> MailServer.to(address).size() >= count);
        return MailServer.to(address);
    }

    /** The token of the confirmation link in a confirmation mail's text part. */
    public static String tokenFrom(MimeMessage confirmation) throws Exception {
        Matcher m = CONFIRM_LINK.matcher(part(confirmation, "text/plain"));
        assertThat(m.find()).as("confirmation link in the mail").isTrue();
        return m.group(1);
    }

    /** Subscribes and follows the confirmation link, as the recipient would; the subscription id. */
    public static String subscribeConfirmed(RequestSpecification as, String address) throws Exception {
        int before = MailServer.to(address).size();
        String id = subscribe(as, address).getString("id");
        String token = tokenFrom(awaitMails(address, before + 1).get(before));
        RestAssured.given().when().get("/email/confirm?token=" + token).then().statusCode(200);
        return id;
    }

    /** The content of the part of {@code type} (text/plain, text/html), or null. */
    public static String part(MimeMessage message, String type) throws Exception {
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart p = multipart.getBodyPart(i);
                if (p.isMimeType(type)) {
                    return p.getContent().toString();
                }
            }
            return null;
        }
        return message.isMimeType(type) ? content.toString() : null;
    }
}
