package io.dyad.classify.model;

/** RFC 9457 problem details, served as application/problem+json. */
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
