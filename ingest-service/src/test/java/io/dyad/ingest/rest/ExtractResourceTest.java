package io.dyad.ingest.rest;

import static io.dyad.ingest.testing.Admin.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.dyad.ingest.testing.TestPages;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class ExtractResourceTest {

    @Test
    void answersTheSixFieldsForAPostedPage() throws Exception {
        given().contentType("text/html; charset=utf-8").body(TestPages.page("article.html"))
                .queryParam("url", "https://courier.example/news/harbour-pilots")
                .when().post("/extract")
                .then().statusCode(200).contentType("application/json")
                .body("title", equalTo("Harbour pilots agree new night shifts"))
                .body("text", startsWith("The harbour pilots' association agreed on Tuesday"))
                .body("text", not(containsString("cookies")))
                .body("authors", contains("Ana Ruiz"))
                .body("publishedAt", equalTo("2026-03-04T08:30:00Z"))
                .body("language", equalTo("es"))
                .body("canonicalUrl", equalTo("https://courier.example/news/harbour-pilots?ref=canon"));
    }

    @Test
    void absentMetadataIsNull() {
        given().contentType("text/html").body("<html><body><p>" + "A sentence, of some length. ".repeat(5)
                        + "</p></body></html>")
                .queryParam("url", "https://x.example/a")
                .when().post("/extract")
                .then().statusCode(200)
                .body("title", nullValue())
                .body("publishedAt", nullValue())
                .body("language", nullValue())
                .body("canonicalUrl", nullValue())
                .body("text", startsWith("A sentence, of some length."));
    }

    @Test
    void aMissingOrBadUrlIsABadRequest() {
        given().contentType("text/html").body("<p>x</p>").when().post("/extract")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("url"));
        given().contentType("text/html").body("<p>x</p>").queryParam("url", "ftp://x.example/a")
                .when().post("/extract")
                .then().statusCode(400).body("detail", containsString("absolute http or https"));
        given().contentType("text/html").body("<p>x</p>").queryParam("url", "http://bad host/")
                .when().post("/extract")
                .then().statusCode(400).body("detail", containsString("not a valid URL"));
    }

    @Test
    void anEmptyBodyOrAnotherMediaTypeIsRefused() {
        given().contentType("text/html").body("").queryParam("url", "https://x.example/a")
                .when().post("/extract")
                .then().statusCode(400).body("detail", containsString("HTML"));
        given().contentType("application/json").body("{}").queryParam("url", "https://x.example/a")
                .when().post("/extract")
                .then().statusCode(415);
    }
}
