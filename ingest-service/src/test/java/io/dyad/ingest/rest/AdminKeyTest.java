package io.dyad.ingest.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.dyad.ingest.testing.Admin;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The source API needs the admin key; the article and extraction APIs and the operations endpoints do not. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class AdminKeyTest {

    @Test
    void withoutAKeyTheSourceApiAnswers401() {
        RestAssured.given().get("/sources").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401))
                .body("detail", containsString("Authorization: Bearer"));
        RestAssured.given().contentType("application/json").body(Map.of("name", "x", "url", "https://x.example/"))
                .post("/sources").then().statusCode(401);
        RestAssured.given().post("/sources/1/fetch").then().statusCode(401);
        RestAssured.given().get("/sources/export").then().statusCode(401);
        RestAssured.given().header("Authorization", "Basic dXNlcjpwYXNz").get("/sources").then().statusCode(401);
        RestAssured.given().header("Authorization", "Bearer ").get("/sources").then().statusCode(401);
    }

    @Test
    void aWrongKeyIs403AndTheRightOneGetsThrough() {
        RestAssured.given().header("Authorization", "Bearer not-the-key").get("/sources").then().statusCode(403)
                .contentType("application/problem+json").body("detail", equalTo("the admin key is not valid"));
        RestAssured.given().header("Authorization", "bearer " + Admin.KEY).get("/sources").then().statusCode(200);
        Admin.given().get("/sources/999999").then().statusCode(404);
    }

    @Test
    void otherApisStayOpen() {
        RestAssured.given().get("/q/health/live").then().statusCode(200);
        RestAssured.given().contentType("text/html").body("<p>A sentence, long enough to be text.</p>")
                .queryParam("url", "https://x.example/a").post("/extract").then().statusCode(200);
        RestAssured.given().contentType("application/json").body("{}").post("/articles").then().statusCode(400);
    }
}
