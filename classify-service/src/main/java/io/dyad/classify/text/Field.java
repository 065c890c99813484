package io.dyad.classify.text;

/** The article fields evidence can point into; {@link #wireName()} is the value of {@code Evidence.field}. */
public enum Field {
    TITLE("title"), SUMMARY("summary"), TEXT("text");

    private final String wireName;

    Field(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
