package io.dyad.alert.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Authenticated requests for tests: the operators' key from %test, or users made through the real API. */
public final class Api {

    private Api() {
    }

    public static String adminKey() {
        return ConfigProvider.getConfig().getValue("dyad.admin.api-key", String.class);
    }

    public static RequestSpecification asAdmin() {
        return as(adminKey());
    }

    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    /** A user made by {@code POST /users}; its key as the API answered it (the only time it is shown). */
    public record TestUser(String id, String key) {
        public RequestSpecification request() {
            return as(key);
        }
    }

    public static TestUser newUser(String name) {
        var json = asAdmin().contentType(ContentType.JSON).body(Map.of("name", name))
                .when().post("/users").then().statusCode(201).extract().jsonPath();
        return new TestUser(json.getString("id"), json.getString("apiKey.key"));
    }
}
