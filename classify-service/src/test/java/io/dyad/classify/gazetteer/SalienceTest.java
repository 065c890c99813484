package io.dyad.classify.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.classify.Fixtures;
import io.dyad.classify.text.Field;
import io.dyad.classify.text.FieldText;
import java.util.List;
import org.junit.jupiter.api.Test;

class SalienceTest {

    private final CountryScanner scanner = new CountryScanner(Fixtures.classifier().gazetteer());

    private List<ScoredCountry> score(String title, String text) {
        return Salience.score(scanner.scan(List.of(FieldText.of(Field.TITLE, title), FieldText.of(Field.TEXT, text)),
                "en"));
    }

    @Test
    void theTitleCountryIsTheFocus() {
        List<ScoredCountry> scored = score("Kenya raises interest rates",
                "The central bank acted after inflation rose. Investors in London and New York watched. "
                        + "Britain's exporters and U.S. funds hold Kenyan bonds.");
        assertThat(scored.get(0).code()).isEqualTo("KE");
    }

    @Test
    void aPassingMentionAtTheEndScoresLowAndScoresStayInRange() {
        String body = "Brazil's soybean harvest hit a record. Brazilian farmers sold more. Brazil exported more. "
                .repeat(5) + "Prices were quoted in U.S. dollars.";
        List<ScoredCountry> scored = score("Brazil harvest", body);
        assertThat(scored).extracting(ScoredCountry::code).containsExactly("BR", "US");
        assertThat(scored.get(0).score()).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
        assertThat(scored.get(1).score()).isLessThan(0.3).isGreaterThan(0.0);
    }

    @Test
    void frequencyAndEarlyPositionCount() {
        List<ScoredCountry> scored = score("", "Peru and Chile talked. Peru said yes. Peru signed. Chile waited.");
        assertThat(scored).extracting(ScoredCountry::code).containsExactly("PE", "CL");
        assertThat(scored.get(0).mentions()).hasSize(3);
    }
}
