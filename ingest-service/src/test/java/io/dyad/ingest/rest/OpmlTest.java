package io.dyad.ingest.rest;

import static io.dyad.ingest.testing.Admin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.dyad.ingest.opml.Opml;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** POST /sources/import and GET /sources/export with OPML 2.0. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class OpmlTest {

    @Test
    void importsEveryFeedReportsTheRestAndExportsThemBack() {
        String t = UUID.randomUUID().toString();
        String opml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <opml version="2.0" xmlns:dyad="https://github.com/dyad-news/dyad/opml">
                  <head><title>My feeds</title></head>
                  <body>
                    <outline text="News">
                      <outline type="rss" text="Diario %1$s" xmlUrl="https://diario.example/%1$s/rss" language="es"
                               dyad:country="MX" dyad:pollInterval="PT15M" dyad:fullText="true"
                               dyad:maxPollInterval="PT2H"/>
                      <outline type="rss" text="Wire %1$s" title="Wire title %1$s" xmlUrl="https://wire.example/%1$s/atom"/>
                    </outline>
                    <outline type="rss" text="Again %1$s" xmlUrl="https://wire.example/%1$s/atom"/>
                    <outline type="rss" text="Bad country" xmlUrl="https://bad.example/%1$s" dyad:country="XX"/>
                    <outline type="rss" text="Not http" xmlUrl="ftp://files.example/%1$s"/>
                    <outline text="A folder without feeds"/>
                  </body>
                </opml>
                """.formatted(t);

        JsonPath report = given().contentType("text/x-opml").body(opml.getBytes(StandardCharsets.UTF_8))
                .post("/sources/import").then().statusCode(200).extract().jsonPath();

        assertThat(report.getList("created.url", String.class)).containsExactly(
                "https://diario.example/" + t + "/rss", "https://wire.example/" + t + "/atom");
        assertThat(report.getList("skipped.url", String.class)).containsExactly(
                "https://wire.example/" + t + "/atom", "https://bad.example/" + t, "ftp://files.example/" + t);
        assertThat(report.getList("skipped.reason", String.class).get(0)).isEqualTo("already a source");
        assertThat(report.getList("skipped.reason", String.class).get(1)).contains("ISO 3166-1 alpha-2");
        assertThat(report.getList("skipped.reason", String.class).get(2)).contains("only absolute http and https URLs");

        long diario = report.getLong("created[0].id");
        given().get("/sources/" + diario).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("Diario " + t))
                .body("language", org.hamcrest.Matchers.equalTo("es"))
                .body("country", org.hamcrest.Matchers.equalTo("MX"))
                .body("pollInterval", org.hamcrest.Matchers.equalTo("PT15M"))
                .body("minPollInterval", org.hamcrest.Matchers.equalTo("PT15M"))
                .body("maxPollInterval", org.hamcrest.Matchers.equalTo("PT2H"))
                .body("fullText", org.hamcrest.Matchers.equalTo(true));
        given().get("/sources/" + report.getLong("created[1].id")).then()
                .body("name", org.hamcrest.Matchers.equalTo("Wire title " + t));

        String exported = given().get("/sources/export").then().statusCode(200)
                .contentType(containsString("text/x-opml")).extract().asString();
        List<Opml.Outline> outlines = Opml.read(exported.getBytes(StandardCharsets.UTF_8));
        assertThat(outlines).contains(
                new Opml.Outline("Diario " + t, "https://diario.example/" + t + "/rss", "es", "MX", "PT15M", true,
                        "PT2H"),
                new Opml.Outline("Wire title " + t, "https://wire.example/" + t + "/atom", null, null, "PT5M", false,
                        "PT1H"));

        // importing the export again creates nothing new
        JsonPath again = given().contentType("application/xml").body(exported.getBytes(StandardCharsets.UTF_8))
                .post("/sources/import").then().statusCode(200).extract().jsonPath();
        assertThat(again.getList("created")).isEmpty();
    }

    @Test
    void notOpmlIsABadRequest() {
        given().contentType("text/x-opml").body("<rss version=\"2.0\"/>").post("/sources/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not <opml>"));
        given().contentType("text/x-opml").body("<opml><body><outline").post("/sources/import")
                .then().statusCode(400).body("detail", containsString("not well-formed"));
        given().contentType("text/x-opml").body("""
                <?xml version="1.0"?>
                <!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <opml version="2.0"><body><outline text="&x;" xmlUrl="https://x.example/"/></body></opml>
                """).post("/sources/import")
                .then().statusCode(400).body("detail", containsString("DOCTYPE"));
        given().contentType("text/x-opml").body("").post("/sources/import").then().statusCode(400);
        given().contentType("application/json").body("{}").post("/sources/import").then().statusCode(415);
    }
}
