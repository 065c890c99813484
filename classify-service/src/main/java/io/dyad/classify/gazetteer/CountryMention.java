package io.dyad.classify.gazetteer;

import io.dyad.classify.text.Field;
import io.dyad.classify.text.FieldText;

/** A resolved mention of a country: tokens {@code [firstToken, lastToken]} of a field, read as {@code kind}. */
public record CountryMention(String code, PlaceKind kind, FieldText fieldText, int firstToken, int lastToken) {

    public Field field() {
        return fieldText.field();
    }

    public int start() {
        return fieldText.tokens().get(firstToken).start();
    }

    public int end() {
        return fieldText.tokens().get(lastToken).end();
    }

    public String text() {
        return fieldText.text().substring(start(), end());
    }

    public int sentence() {
        return fieldText.sentenceOf(firstToken);
    }

    public int paragraph() {
        return fieldText.paragraphOf(firstToken);
    }
}
