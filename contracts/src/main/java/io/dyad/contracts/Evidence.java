package io.dyad.contracts;

/** A span of an article field that justifies a tag: {@code text} equals {@code field.substring(start, end)}. */
public record Evidence(String field, int start, int end, String text) {
}
