package io.dyad.classify.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.classify.Fixtures;
import io.dyad.classify.gazetteer.CountryMention;
import io.dyad.classify.gazetteer.CountryScanner;
import io.dyad.classify.text.Field;
import io.dyad.classify.text.FieldText;
import java.util.List;
import org.junit.jupiter.api.Test;

class MentionListsTest {

    private final CountryScanner scanner = new CountryScanner(Fixtures.classifier().gazetteer());

    private List<CountryMention> mentions(String text, String language) {
        return scanner.scan(List.of(FieldText.of(Field.TITLE, ""), FieldText.of(Field.TEXT, text)), language);
    }

    @Test
    void threeOrMoreCountriesJoinedByCommasAndConjunctionsAreAList() {
        List<CountryMention> m = mentions("Ministers of Britain, France, Germany and Italy met in Rome. Britain said no.",
                "en");
        MentionLists lists = MentionLists.of(m);
        assertThat(m).filteredOn(x -> x.sentence() == 0 && !x.text().equals("Rome")).hasSize(4)
                .allSatisfy(x -> assertThat(lists.listed(x)).isTrue());
        assertThat(m).filteredOn(x -> x.sentence() == 1).allSatisfy(x -> assertThat(lists.listed(x)).isFalse());
        assertThat(lists.sharedLists("GB", "IT")).isEqualTo(1);
        assertThat(lists.sharedLists("GB", "IT")).isEqualTo(lists.sharedLists("IT", "GB"));
    }

    @Test
    void twoCountriesOrCountriesApartAreNoList() {
        MentionLists two = MentionLists.of(mentions("Mexico and the United States signed a water treaty.", "en"));
        assertThat(two.sharedLists("MX", "US")).isZero();
        List<CountryMention> apart = mentions("Japan sold cars. Brazil bought them, and Chile watched.", "en");
        MentionLists lists = MentionLists.of(apart);
        assertThat(apart).allSatisfy(x -> assertThat(lists.listed(x)).isFalse());
    }

    @Test
    void spanishListsToo() {
        MentionLists lists = MentionLists.of(mentions(
                "Los cancilleres de Chile, Perú y Colombia firmaron el acuerdo en Lima.", "es"));
        assertThat(lists.sharedLists("CL", "CO")).isEqualTo(1);
        assertThat(lists.sharedLists("PE", "CO")).isEqualTo(1);
    }
}
