package io.dyad.classify.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.classify.Fixtures;
import io.dyad.contracts.CountryPair;
import org.junit.jupiter.api.Test;

class GazetteerTest {

    private final Gazetteer gazetteer = Fixtures.classifier().gazetteer();

    @Test
    void everyCountryIsAnIsoCodeWithEnglishAndSpanishNames() {
        assertThat(gazetteer.countries()).hasSizeGreaterThan(240);
        assertThat(gazetteer.countries().values()).allSatisfy(c -> {
            assertThat(CountryPair.isCountryCode(c.code())).as(c.code()).isTrue();
            assertThat(c.nameEn()).isNotBlank();
            assertThat(c.nameEs()).isNotBlank();
        });
        assertThat(gazetteer.country("US").nameEs()).isEqualTo("Estados Unidos");
        assertThat(gazetteer.country("MX").nameEn()).isEqualTo("Mexico");
    }

    @Test
    void bothLanguagesHaveThousandsOfPhrases() {
        assertThat(gazetteer.phraseCount("en")).isGreaterThan(1500);
        assertThat(gazetteer.phraseCount("es")).isGreaterThan(1500);
    }
}
