package io.dyad.classify.gazetteer;

/**
 * One row of phrases-v1.tsv: {@code phrase} read as country {@code code} (null for a blocker phrase). {@code words}
 * are the phrase's tokens as written, for the case rule.
 */
public record GazetteerEntry(String phrase, String[] words, String code, PlaceKind kind, CaseRule rule,
        Support support) {

    public boolean blocker() {
        return kind == PlaceKind.BLOCK;
    }
}
