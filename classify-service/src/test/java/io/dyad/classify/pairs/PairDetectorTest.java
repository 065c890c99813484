package io.dyad.classify.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.classify.Fixtures;
import io.dyad.classify.service.Classification;
import io.dyad.contracts.PairTag;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairDetectorTest {

    private List<String> pairs(String title, String text) {
        return Fixtures.classifier().classify(title, text).pairs().stream().map(PairTag::pair).toList();
    }

    @Test
    void bilateralConstructionsPairCountriesInSortedForm() {
        assertThat(pairs("US-Mexico talks resume", "Negotiators met again.")).containsExactly("MX-US");
        assertThat(pairs("", "Relations between Mexico and the United States improved.")).containsExactly("MX-US");
        assertThat(pairs("", "Las relaciones entre México y Estados Unidos mejoraron.")).containsExactly("MX-US");
    }

    @Test
    void sameParagraphRelatesTheCountries() {
        Classification c = Fixtures.classifier().classify("Canada weighs new rules",
                "Canada will tighten rules for steel. Officials said.\n\nOttawa has long complained. "
                        + "Washington did not comment. Canadian mills lobbied hard against U.S. duties.");
        PairTag pair = c.pairs().get(0);
        assertThat(pair.pair()).isEqualTo("CA-US");
        assertThat(pair.score()).isBetween(0.0, 1.0);
        assertThat(pair.evidence()).isNotEmpty();
        assertThat(pair.evidence().get(0).text()).contains("U.S.");
    }

    @Test
    void aCountryInAnAuthorBioOrATeaserFormsNoPairAndCountsLittle() {
        Classification c = Fixtures.classifier().classify("Mexico and the U.S. agree on water sharing",
                "Mexico and the United States agreed on Tuesday to share the water of the Rio Grande. "
                        + "Officials in Mexico City and Washington welcomed the deal.\n\n"
                        + "Read more: Spain and Morocco sign a fisheries pact.\n\n"
                        + "Jane Doe is a reporter based in Madrid, Spain. Reporting by John Roe in Rabat.");
        assertThat(c.pairs()).extracting(PairTag::pair).containsExactly("MX-US");
        assertThat(c.countries().get(0).code()).isIn("MX", "US");
        assertThat(c.countries()).filteredOn(t -> t.code().equals("ES")).allSatisfy(t ->
                assertThat(t.score()).isLessThan(0.2));
    }

    @Test
    void aPassingMentionFormsNoPair() {
        String body = ("Brazil's soybean harvest hit a record this season, the agriculture ministry said. "
                + "Brazilian farmers sold more grain to local crushers than in any year before.\n\n").repeat(4)
                + "Brazil also sold some beef to Mexico.";
        assertThat(pairs("Brazil harvest hits record", body)).isEmpty();
    }

    @Test
    void aPassingMentionIsNotAnsweredAsACountry() {
        String body = ("Brazil's soybean harvest hit a record this season, the agriculture ministry said. "
                + "Brazilian farmers sold more grain to local crushers than in any year before.\n\n").repeat(4)
                + "Brazil also sold some beef to Mexico.";
        Classification c = Fixtures.classifier().classify("Brazil harvest hits record", body);
        assertThat(c.countries()).extracting(t -> t.code()).containsExactly("BR");
    }

    @Test
    void aMultilateralStoryPairsAllItsMembersBeyondSix() {
        String text = "Finance ministers of Brazil, Argentina, Chile, Peru, Colombia, Ecuador, Bolivia and Paraguay "
                + "met in Lima on Monday to agree on a common debt strategy. "
                + "Argentina and Brazil proposed a joint fund; Chile, Peru and Colombia backed it, while Ecuador, "
                + "Bolivia and Paraguay asked for more time.";
        Classification c = Fixtures.classifier().classify("South American ministers agree debt strategy", text);
        assertThat(c.countries()).hasSize(8);
        assertThat(c.pairs()).hasSize(28); // every two of the eight: they share the opening sentence
        assertThat(c.pairs()).allSatisfy(p -> assertThat(p.evidence()).isNotEmpty());
    }

    @Test
    void evidenceSentencesAreSpansOfTheirField() {
        String text = "Japan and Brazil signed a deal. Tokyo said more would come.";
        Classification c = Fixtures.classifier().classify("Japan, Brazil sign deal", text);
        assertThat(c.pairs()).extracting(PairTag::pair).containsExactly("BR-JP");
        assertThat(c.pairs().get(0).evidence()).allSatisfy(e -> {
            String field = e.field().equals("title") ? "Japan, Brazil sign deal" : text;
            assertThat(field.substring(e.start(), e.end())).isEqualTo(e.text());
        });
    }
}
