package io.dyad.ingest.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** REST Assured requests carrying the admin key of the test profile ({@code dyad.admin.api-key}). */
public final class Admin {

    public static final String KEY = "test-admin-key";

    private Admin() {
    }

    public static RequestSpecification given() {
        return RestAssured.given().header("Authorization", "Bearer " + KEY);
    }
}
