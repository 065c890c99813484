package io.dyad.classify.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    private final LanguageDetector detector = LanguageDetector.load();

    @Test
    void englishAndSpanishShortTexts() {
        assertThat(detector.detect("The president said the border would stay open")).isEqualTo("en");
        assertThat(detector.detect("El presidente dijo que la frontera seguirá abierta")).isEqualTo("es");
        assertThat(detector.detect("¿Qué pasará con las remesas?")).isEqualTo("es");
        assertThat(detector.detect("Los aranceles", "Las exportaciones de acero cayeron por los aranceles."))
                .isEqualTo("es");
    }

    @Test
    void spanishHeadlinesStartingWithACapitalisedArticle() {
        assertThat(detector.detect("Los migrantes esperan en Tijuana")).isEqualTo("es");
        assertThat(detector.detect("El gobierno anuncia nuevos aranceles al acero")).isEqualTo("es");
        assertThat(detector.detect("Detienen a líder de cártel en Jalisco")).isEqualTo("es");
        assertThat(detector.detect("Migración: crece la tensión")).isEqualTo("es");
        assertThat(detector.detect("The Senate passes the budget in a late vote")).isEqualTo("en");
        assertThat(detector.detect("El Paso Mayor Says Border Crossings Fell")).isEqualTo("en");
    }

    @Test
    void otherLanguagesAndUndecidedText() {
        assertThat(detector.detect("Le gouvernement a annoncé une nouvelle loi pour les agriculteurs")).isEqualTo("fr");
        assertThat(detector.detect("Die Regierung hat das Gesetz nicht geändert")).isEqualTo("de");
        assertThat(detector.detect("Tokyo, Brasilia")).isEqualTo(LanguageDetector.DEFAULT);
        assertThat(detector.detect("Los Angeles Lakers beat Las Vegas in El Paso")).isEqualTo("en");
        assertThat(detector.detect("EL GOBIERNO ANUNCIA LAS NUEVAS REGLAS PARA LOS MIGRANTES")).isEqualTo("es");
        assertThat(detector.detect("", null)).isEqualTo(LanguageDetector.DEFAULT);
    }
}
