package io.dyad.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CountryPairTest {

    @Test
    void sortsCodesWhateverTheInputOrder() {
        assertThat(CountryPair.parse("US-MX")).hasToString("MX-US");
        assertThat(CountryPair.parse("mx-us")).hasToString("MX-US");
        assertThat(CountryPair.parse(" MX – US ")).isEqualTo(CountryPair.of("US", "MX"));
    }

    @Test
    void refusesUnknownCodesAndMalformedPairs() {
        assertThatThrownBy(() -> CountryPair.parse("XX-US")).hasMessageContaining("\"XX\" is not an ISO 3166-1");
        assertThatThrownBy(() -> CountryPair.parse("USMX")).hasMessageContaining("two ISO 3166-1 alpha-2 codes");
        assertThatThrownBy(() -> CountryPair.parse("US-US")).hasMessageContaining("same country twice");
        assertThatThrownBy(() -> CountryPair.parse(null)).hasMessageContaining("required");
    }
}
