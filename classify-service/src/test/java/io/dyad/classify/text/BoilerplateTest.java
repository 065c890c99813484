package io.dyad.classify.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * FieldText checks boilerplate with two patterns (the opening part with lookingAt, the body part only on sentences
 * holding one of its cue words). Here it is compared with the single pattern it replaced, on sentences that match
 * each alternative and on near misses.
 */
class BoilerplateTest {

    /** The pattern of session 3, as it was: one find() over each candidate sentence. */
    private static final Pattern REFERENCE = Pattern.compile(
            "^\\W*(read more|related( stories| articles| coverage)?\\b|see also|more from|recommended|sign up|subscribe"
                    + "|follow (us|him|her|them)\\b|share this|click here|advertisement|copyright|©|all rights reserved"
                    + "|lee también|leer más|te puede interesar|suscr[ií]bete|s[ií]guenos|notas? relacionadas?"
                    + "|m[aá]s informaci[oó]n)"
                    + "|\\b(is|was) an? ([\\p{L}-]+ ){0,3}(reporter|correspondent|writer|journalist|editor|columnist"
                    + "|contributor|author|producer|fellow)\\b"
                    + "|\\b(additional )?(reporting|writing|editing) by\\b|\\bcontributed (reporting|to this report)\\b"
                    + "|\\b(es|fue) (periodista|corresponsal|reporter[oa]?|editor[a]?|columnista|colaborador[a]?)\\b"
                    + "|\\bcon (informaci[oó]n|reporte) de\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final List<String> SENTENCES = List.of(
            "Read more: Mexico and the US agree on water.",
            "RELATED STORIES Brazil votes.",
            "Related: the peso falls.",
            "See also our coverage of Chile.",
            "Subscribers can read the full report.",
            "Sign up for our newsletter.",
            "Follow us on social media.",
            "Share this article.",
            "Advertisement",
            "© 2026 Dyad News. All rights reserved.",
            "Copyright 2026 Dyad.",
            "All rights reserved.",
            "Water rights along the river were discussed in Lima.",
            "Jane Doe is a reporter based in Madrid.",
            "John Roe was an award-winning foreign correspondent for the paper.",
            "She is a senior staff writer covering Asia.",
            "He is the editor of a Bogota weekly.",
            "Reporting by Jane Doe in Mexico City; editing by John Roe.",
            "Additional reporting by Ana Perez.",
            "Writing by Lee Kim.",
            "Maria Lopez contributed reporting from Lima.",
            "Staff contributed to this report.",
            "Lee también: México y Estados Unidos.",
            "Leer más sobre el T-MEC.",
            "Te puede interesar: la frontera.",
            "Suscríbete a nuestro boletín.",
            "Síguenos en redes.",
            "Notas relacionadas",
            "Más información sobre el tema.",
            "Ana Pérez es corresponsal en Washington.",
            "Luis Gómez fue reportero de este diario.",
            "Con información de Reuters y AP.",
            "Con reporte de Juan Díaz.",
            "The reporters asked the minister about tariffs.",
            "More than 300 migrants crossed the border.",
            "The author of the bill said Mexico would respond.",
            "Editors and writers met in Paris.",
            "Officials said the producer price index rose.",
            "é read more about it.",
            "Follow-up talks will be held in Ottawa.",
            "The fellow travellers left Berlin.");

    @Test
    void theTwoPartCheckAnswersAsTheSinglePatternDid() {
        for (String sentence : SENTENCES) {
            FieldText field = FieldText.of(Field.TEXT, sentence);
            for (int i = 0; i < field.sentences().size(); i++) {
                Sentence s = field.sentences().get(i);
                String text = sentence.substring(s.start(), s.end());
                assertThat(field.boilerplate(i)).as(text).isEqualTo(REFERENCE.matcher(text).find());
            }
        }
    }

    @Test
    void creditsBiosAndTeasersAreBoilerplateAndStoryWordsAreNot() {
        assertThat(FieldText.of(Field.TEXT, "Jane Doe is a reporter based in Madrid.").boilerplate(0)).isTrue();
        assertThat(FieldText.of(Field.TEXT, "Reporting by Jane Doe in Mexico City.").boilerplate(0)).isTrue();
        assertThat(FieldText.of(Field.TEXT, "Con información de Reuters.").boilerplate(0)).isTrue();
        assertThat(FieldText.of(Field.TEXT, "Water rights along the river.").boilerplate(0)).isFalse();
        assertThat(FieldText.of(Field.TEXT, "The reporters asked about tariffs.").boilerplate(0)).isFalse();
    }
}
