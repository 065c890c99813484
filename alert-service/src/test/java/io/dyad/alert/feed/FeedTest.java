package io.dyad.alert.feed;

import static io.dyad.alert.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.dyad.alert.service.ArticleIntakeService;
import io.dyad.alert.service.SubscriptionIndexHolder;
import io.dyad.alert.support.Api;
import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.alert.support.TestDatabase;
import io.dyad.alert.support.WebhookReceiver;
import io.dyad.contracts.TaggedArticle;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Atom feeds per subscription over the real database: content, no key needed, unguessable, rotatable, owner-only. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "alert_test"))
class FeedTest {

    @Inject
    DataSource dataSource;

    @Inject
    SubscriptionIndexHolder index;

    @Inject
    ArticleIntakeService intake;

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
        index.rebuild();
    }

    private static String subscribe(Api.TestUser user) {
        return user.request().contentType(ContentType.JSON)
                .body(Map.of("name", "US–Mexico <trade>", "filter", Map.of("pairs", List.of("MX-US"),
                        "issues", List.of("trade")), "channel",
                        Map.of("type", "webhook", "url", WebhookReceiver.url(WebhookReceiver.newHook()))))
                .when().post("/subscriptions").then().statusCode(201).extract().path("id");
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static String child(Element parent, String name) {
        NodeList list = parent.getElementsByTagNameNS(AtomFeed.ATOM, name);
        return list.getLength() == 0 ? null : list.item(0).getTextContent();
    }

    @Test
    void theFeedListsMatchedStoriesNewestFirstWithWhyTheyMatched() throws Exception {
        Api.TestUser ana = Api.newUser("Ana");
        String id = subscribe(ana);
        String path = ana.request().when().get("/subscriptions/" + id).then().statusCode(200)
                .extract().path("feed.path");
        assertThat(path).matches("/feeds/[0-9a-f]{64}\\.atom");

        TaggedArticle older = TaggedArticleFixtures.usMexicoTrade().build();
        intake.store(older);
        TestDatabase.execute(dataSource, "UPDATE deliveries SET created_at = now() - interval '1 hour'");
        TaggedArticle newer = TaggedArticleFixtures.usMexicoTrade().source("Other Daily").build();
        intake.store(newer);
        intake.store(TaggedArticleFixtures.japanBrazilTrade().build());

        String xml = given().when().get(path).then().statusCode(200)
                .contentType(startsWith("application/atom+xml")).extract().asString();
        Document doc = parse(xml);
        Element feed = doc.getDocumentElement();
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(feed.getNamespaceURI()).isEqualTo(AtomFeed.ATOM);
        // RFC 4287 §4.1.1: id, title, updated (and an author, as entries may lack one)
        assertThat(child(feed, "id")).isEqualTo("urn:uuid:" + id);
        assertThat(child(feed, "title")).isEqualTo("Dyad: US–Mexico <trade>");
        assertThat(Instant.parse(child(feed, "updated"))).isNotNull();
        assertThat(feed.getElementsByTagNameNS(AtomFeed.ATOM, "author").getLength()).isGreaterThan(0);
        Element self = (Element) feed.getElementsByTagNameNS(AtomFeed.ATOM, "link").item(0);
        assertThat(self.getAttribute("rel")).isEqualTo("self");
        assertThat(self.getAttribute("href")).endsWith(path);

        NodeList entries = feed.getElementsByTagNameNS(AtomFeed.ATOM, "entry");
        assertThat(entries.getLength()).isEqualTo(2); // Japan–Brazil did not match
        Element first = (Element) entries.item(0);
        assertThat(child(first, "id")).startsWith("urn:uuid:");
        assertThat(child(first, "title")).isEqualTo(TaggedArticleFixtures.US_MX_TITLE);
        assertThat(Instant.parse(child(first, "updated"))).isNotNull();
        assertThat(Instant.parse(child(first, "published"))).isEqualTo(newer.publishedAt());
        assertThat(((Element) first.getElementsByTagNameNS(AtomFeed.ATOM, "link").item(0)).getAttribute("href"))
                .isEqualTo(newer.url());
        assertThat(child((Element) first.getElementsByTagNameNS(AtomFeed.ATOM, "author").item(0), "name"))
                .isEqualTo("Other Daily");
        NodeList categories = first.getElementsByTagNameNS(AtomFeed.ATOM, "category");
        assertThat(List.of(((Element) categories.item(0)).getAttribute("term"),
                ((Element) categories.item(1)).getAttribute("term"))).containsExactly("MX-US", "trade");
        assertThat(child(first, "summary")).startsWith("Why: pairs MX-US · issues trade · source Other Daily")
                .contains("“Officials from Mexico and the United States”", "“trade accord”");
        assertThat(child((Element) entries.item(1), "link")).isNotNull();
    }

    @Test
    void feedsNeedNoKeyButAnUnguessableTokenThatOnlyTheOwnerCanRotate() {
        Api.TestUser ana = Api.newUser("Ana");
        Api.TestUser ben = Api.newUser("Ben");
        String id = subscribe(ana);
        String path = ana.request().when().get("/subscriptions/" + id).then().extract().path("feed.path");
        given().when().get(path).then().statusCode(200);

        // unknown, malformed, wrong suffix: 404 problem
        given().when().get("/feeds/" + "0".repeat(64) + ".atom").then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/feeds/abc.atom").then().statusCode(404);
        given().when().get(path.replace(".atom", ".rss")).then().statusCode(404);

        // someone else's subscription, or no key: no rotation
        ben.request().when().post("/subscriptions/" + id + "/feed").then().statusCode(404);
        asAdmin().when().post("/subscriptions/" + id + "/feed").then().statusCode(404);
        given().when().post("/subscriptions/" + id + "/feed").then().statusCode(401);
        // Ben does not see Ana's feed path in his list
        assertThat(ben.request().when().get("/subscriptions").then().statusCode(200).extract()
                .jsonPath().getList("feed.path")).isEmpty();

        String url = ana.request().when().post("/subscriptions/" + id + "/feed").then().statusCode(200)
                .extract().path("url");
        assertThat(url).matches("http://[^/]+/feeds/[0-9a-f]{64}\\.atom").doesNotEndWith(path);
        given().when().get(path).then().statusCode(404);
        String newPath = url.substring(url.indexOf("/feeds/"));
        given().when().get(newPath).then().statusCode(200);
        ana.request().when().get("/subscriptions/" + id).then().statusCode(200)
                .body("feed.path", org.hamcrest.Matchers.equalTo(newPath));
    }
}
