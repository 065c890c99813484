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
    void otherLanguagesAndUndecidedText() {
        assertThat(detector.detect("Le gouvernement a annoncé une nouvelle loi pour les agriculteurs")).isEqualTo("fr");
        assertThat(detector.detect("Die Regierung hat das Gesetz nicht geändert")).isEqualTo("de");
        assertThat(detector.detect("Tokyo, Brasilia")).isEqualTo(LanguageDetector.DEFAULT);
        assertThat(detector.detect("Los Angeles Lakers beat Las Vegas in El Paso")).isEqualTo("en");
        assertThat(detector.detect("EL GOBIERNO ANUNCIA LAS NUEVAS REGLAS PARA LOS MIGRANTES")).isEqualTo("es");
        assertThat(detector.detect("", null)).isEqualTo(LanguageDetector.DEFAULT);
    }
}
