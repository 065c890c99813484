package io.dyad.classify.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.classify.Fixtures;
import io.dyad.classify.text.Field;
import io.dyad.classify.text.FieldText;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountryScannerTest {

    private final CountryScanner scanner = new CountryScanner(Fixtures.classifier().gazetteer());

    private List<CountryMention> scan(String language, String title, String text) {
        return scanner.scan(List.of(FieldText.of(Field.TITLE, title), FieldText.of(Field.TEXT, text)), language);
    }

    private List<String> codes(String language, String title, String text) {
        return scan(language, title, text).stream().map(CountryMention::code).distinct().toList();
    }

    private List<String> codes(String text) {
        return codes("en", "", text);
    }

    @Test
    void namesAbbreviationsDemonymsAndCapitals() {
        assertThat(codes("The United States and the U.S.A. and the US; USA.")).containsExactly("US");
        assertThat(codes("Mexican officials met Brazilian and Japanese envoys.")).containsExactly("MX", "BR", "JP");
        assertThat(codes("The White House and the Kremlin traded barbs; Downing Street kept quiet."))
                .containsExactly("US", "RU", "GB");
        assertThat(codes("Talks in Tokyo, Ottawa and Canberra.")).containsExactly("JP", "CA", "AU");
    }

    @Test
    void longestMatchWins() {
        List<CountryMention> mentions = scan("en", "", "Officials in New Mexico met visitors from Mexico City.");
        assertThat(mentions).extracting(CountryMention::code).containsExactly("US", "MX");
        assertThat(mentions).extracting(CountryMention::text).containsExactly("New Mexico", "Mexico City");
        assertThat(mentions).extracting(CountryMention::kind).containsExactly(PlaceKind.ADMIN1, PlaceKind.CAPITAL);
        assertThat(codes("Papua New Guinea and Equatorial Guinea signed.")).containsExactly("PG", "GQ");
    }

    @Test
    void americanInsideLargerRegionsIsNoCountry() {
        assertThat(codes("Latin American and South American leaders met North American investors.")).isEmpty();
        assertThat(codes("American farmers sold more.")).containsExactly("US");
    }

    @Test
    void usMustBeUpperCaseAndNotACurrency() {
        assertThat(codes("Let us talk about it, said the minister.")).isEmpty();
        assertThat(codes("US officials said the deal was close.")).containsExactly("US");
        assertThat(codes("es", "", "Las ventas sumaron US$ 5 millones.")).isEmpty();
    }

    @Test
    void spanishNamesAbbreviationsAndLowerCaseDemonyms() {
        assertThat(codes("es", "", "Los mexicanos y las autoridades estadounidenses hablaron con EE.UU. y EE. UU."))
                .containsExactly("MX", "US");
        assertThat(codes("es", "", "El gobierno de México y el de Estados Unidos firmaron en Washington."))
                .containsExactly("MX", "US");
        // capitalised mid-sentence it is a nickname, not a demonym
        assertThat(codes("es", "", "El piloto Checo ganó la carrera.")).isEmpty();
    }

    @Test
    void georgiaIsTheUsStateNextToAtlantaAndTheCountryNextToTbilisi() {
        assertThat(codes("Voters in Atlanta lined up early. Georgia officials said turnout was high."))
                .containsExactly("US");
        assertThat(codes("Russian troops stay in Georgia, officials in Tbilisi said."))
                .containsExactlyInAnyOrder("RU", "GE");
        assertThat(codes("Turnout was high across the state of Georgia.")).containsExactly("US");
        assertThat(codes("Georgia and Ukraine want closer ties with the European Union.")).contains("GE", "UA")
                .doesNotContain("US");
    }

    @Test
    void ambiguousNamesWithoutBackingAreDropped() {
        assertThat(codes("Georgia is lovely in the spring.")).isEmpty();
        assertThat(codes("Chad Johnson scored twice on Sunday.")).isEmpty();
        assertThat(codes("Michael Jordan visited Chicago. Jordan later said he loved the city."))
                .containsExactly("US");
    }

    @Test
    void ambiguousNamesBackedByTheDocumentCount() {
        assertThat(codes("Jordan, Syria and Iraq met in Amman.")).containsExactly("JO", "SY", "IQ");
        assertThat(codes("Refugees crossed from Sudan into Chad, N'Djamena said.")).contains("SD", "TD");
    }

    @Test
    void commonWordNamesNeedCapitalsThatMeanSomething() {
        assertThat(codes("en", "Turkey Prices Soar Before Thanksgiving", "Turkey sales rose, grocers said."))
                .isEmpty();
        assertThat(codes("Greece held talks with Turkey on Monday.")).containsExactly("GR", "TR");
        assertThat(codes("en", "TURKEY, GREECE HOLD TALKS", "Officials from Turkey and Greece met in Ankara."))
                .containsExactly("TR", "GR");
        assertThat(codes("The fine china was sold at auction.")).isEmpty();
    }

    @Test
    void citiesOfFifteenThousandAndStatesMapToTheirCountry() {
        assertThat(codes("Crews worked in Ciudad Juárez and El Paso.")).containsExactly("MX", "US");
        assertThat(codes("The plant near Tijuana ships parts to Chihuahua and Texas.")).containsExactly("MX", "US");
        assertThat(codes("Voters in Lancaster and Harrisburg lined up early.")).containsExactly("US");
        assertThat(codes("Dock workers in Rotterdam went on strike.")).containsExactly("NL");
    }

    @Test
    void aSmallerPlaceSharingAFamousNameNeedsTheDocument() {
        assertThat(codes("Paris hosted the summit.")).containsExactly("FR");
        assertThat(codes("The fair in Paris drew crowds from across Texas.")).containsExactly("US");
        assertThat(codes("London markets fell on Monday.")).containsExactly("GB");
        assertThat(codes("Police in London, Ontario, said the road was closed.")).containsExactly("CA");
    }

    @Test
    void washingtonThePersonAndTownsNamedLikePeopleAreNoPlaces() {
        assertThat(codes("Denzel Washington won the award for the film.")).isEmpty();
        assertThat(codes("A portrait of George Washington hangs in the hall.")).isEmpty();
        assertThat(codes("Officials in Washington said the talks would resume.")).containsExactly("US");
        assertThat(codes("The comedian George Lopez told the crowd a story.")).isEmpty();
        // the person named in full once is the same person when named alone, even in an all-caps headline
        assertThat(codes("en", "LAWSON PLEDGES LOWER TAXES", "Chancellor Nigel Lawson said taxes would fall. "
                + "Lawson spoke in London.")).containsExactly("GB");
        // a country's name does not move a famous city to a smaller namesake; a place of that country does
        assertThat(codes("Prices in Paris rose, U.S. officials said.")).containsExactly("FR", "US");
    }

    @Test
    void citiesThatAreEnglishWordsNeedTheirCountryInTheDocument() {
        assertThat(codes("It was a nice day. Nice weather helped the harvest.")).isEmpty();
        assertThat(codes("Reading the report, officials said it was clear.")).isEmpty();
        assertThat(codes("Mobile phone sales rose in the quarter.")).isEmpty();
        assertThat(codes("en", "Split Decision Ends the Fight", "The judges split on the result.")).isEmpty();
        assertThat(codes("Ferries left Split for the islands, Croatia's tourism board said."))
                .containsExactly("HR");
        assertThat(codes("The festival in Nice drew visitors from across France.")).containsExactly("FR");
    }

    @Test
    void formerNamesStillUsedInNewsMapToTodaysCountry() {
        assertThat(codes("Copper exports from Zaire and Kampuchea's rice crop were discussed in Ceylon."))
                .containsExactly("CD", "KH", "LK");
        assertThat(codes("The Soviet Union and West Germany signed a grain deal.")).containsExactly("RU", "DE");
    }

    @Test
    void nigerAndNigeriaAreDifferentCountries() {
        assertThat(codes("Nigeria's oil output rose.")).containsExactly("NG");
        assertThat(codes("Nigeria and Niger agreed to reopen their border.")).containsExactly("NG", "NE");
        assertThat(codes("Nigerian and Nigerien officials met.")).containsExactly("NG", "NE");
    }

    @Test
    void creditorClubsTheParisAgreementAndTheRioGrandeNameNoCountry() {
        assertThat(codes("Peru asked the Paris Club and the London Club to reschedule its debt.")).containsExactly("PE");
        assertThat(codes("Lawmakers in Chile ratified the Paris Agreement on climate.")).containsExactly("CL");
        assertThat(codes("es", "", "Perú pidió al Club de París reprogramar su deuda.")).containsExactly("PE");
        // the river on the US-Mexico border, not the Brazilian port city of that name
        assertThat(codes("Migrants crossed the Rio Grande near El Paso, Texas.")).containsExactly("US");
    }

    @Test
    void apStyleStateAbbreviationsOfUsLocalNewsAreTheUs() {
        assertThat(codes("A bridge near the county line in W.Va. reopened on Monday.")).containsExactly("US");
        assertThat(codes("The plant moved from Ocala, Fla., to a town in N.C. last year.")).containsExactly("US");
        // a bare capitalised word that is no abbreviation stays no place
        assertThat(codes("Miss Lee and Ill health were the topics.")).isEmpty();
    }

    @Test
    void evidenceTextIsTheSubstringOfTheField() {
        String text = "Trade between the U.S. and México grew, mexicanos said in Ciudad de México.";
        for (CountryMention m : scan("es", "", text)) {
            assertThat(text.substring(m.start(), m.end())).isEqualTo(m.text());
        }
    }
}
