package io.dyad.classify.text;

/** A sentence {@code [start, end)} of a field (trimmed), with the index of the paragraph it belongs to. */
public record Sentence(int start, int end, int paragraph) {

    public boolean contains(int offset) {
        return offset >= start && offset < end;
    }
}
