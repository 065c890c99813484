package io.dyad.classify.issues;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.classify.Fixtures;
import io.dyad.contracts.IssueTag;
import java.util.List;
import org.junit.jupiter.api.Test;

class IssueDetectorTest {

    private List<String> issues(String title, String text) {
        return Fixtures.classifier().classify(title, text).issues().stream().map(IssueTag::id).toList();
    }

    @Test
    void englishPhrases() {
        assertThat(issues("NAFTA partners clash over new tariffs", "")).contains("trade");
        assertThat(issues("Fentanyl seizures soar", "Border agents seized fentanyl and cocaine from a cartel."))
                .contains("drug_trafficking", "organized_crime");
        assertThat(issues("Asylum requests rise", "Migrants waited for asylum hearings.")).contains("migration");
        assertThat(issues("Bribery probe widens", "Prosecutors said officials took bribes.")).contains("corruption");
    }

    @Test
    void spanishPhrases() {
        assertThat(issues("Las remesas alcanzan un récord", "Las remesas enviadas desde Estados Unidos crecieron."))
                .contains("finance");
        assertThat(issues("Aumentan las solicitudes de asilo", "Los migrantes esperan en la frontera."))
                .contains("migration", "border");
        assertThat(issues("México y EE.UU. revisan el T-MEC", "Los aranceles al acero siguen.")).contains("trade");
    }

    @Test
    void negativeCuesAndCaseSensitiveAcronyms() {
        assertThat(issues("A coat of arms for the city", "The town welcomed visitors with open arms.")).isEmpty();
        assertThat(issues("Who will win?", "Nobody knows who will win the cup.")).doesNotContain("health");
        assertThat(issues("WHO declares emergency", "The WHO said the outbreak spread.")).contains("health");
        assertThat(issues("Companies strike a deal", "The firms strike a deal on software.")).doesNotContain("labor");
    }

    @Test
    void everyIssueCarriesItsIptcCodeAScoreAndEvidence() {
        List<IssueTag> tags = Fixtures.classifier().classify("Tariffs and fentanyl top the agenda",
                "Officials discussed tariffs, fentanyl trafficking and migrant caravans.").issues();
        IssueTaxonomy taxonomy = Fixtures.classifier().taxonomy();
        assertThat(tags).isNotEmpty().allSatisfy(t -> {
            assertThat(t.iptc()).isEqualTo(taxonomy.get(t.id()).iptc()).matches("medtop:[0-9]{8}");
            assertThat(t.score()).isBetween(0.0, 1.0);
            assertThat(t.evidence()).isNotEmpty();
        });
        assertThat(tags).filteredOn(t -> t.id().equals("trade")).extracting(IssueTag::iptc)
                .containsExactly("medtop:20000373");
    }

    @Test
    void theTaxonomyHasTheTwentyFourIssues() {
        assertThat(Fixtures.classifier().taxonomy().all()).extracting(IssueDefinition::id).containsExactly("trade",
                "migration", "border", "drug_trafficking", "organized_crime", "arms", "terrorism", "defense",
                "armed_conflict", "diplomacy", "sanctions", "foreign_aid", "energy", "environment", "water",
                "agriculture", "finance", "economy", "labor", "human_rights", "justice", "health", "elections",
                "corruption");
    }

    @Test
    void aMigrationStoryWhoseTitleLacksTheWordIsStillAboutMigration() {
        // the model decides migration for headlines (it learnt it from headlines only); a whole article whose title
        // says nothing of it is decided by the body's wording
        List<String> ids = issues("Long lines and longer waits in Tijuana",
                "Thousands of migrants from Central America wait in shelters for an appointment to request asylum in "
                        + "the United States. Immigration officials said deportations rose last month, and advocates "
                        + "for the asylum seekers warned that the shelters are full.\n\nMany of the migrants "
                        + "travelled for weeks to reach the city.");
        assertThat(ids).contains("migration");
    }

    @Test
    void issuesTheModelLearntFromArticlesStayWithTheModel() {
        // trade is decided by the model for articles: body wording alone does not overrule it (it cost Reuters
        // precision), a headline that names the issue does
        List<String> passing = issues("Ministers meet in Ottawa",
                "The ministers discussed the budget, the weather and a new hospital; one mentioned exports in passing.");
        assertThat(passing).doesNotContain("trade");
        assertThat(issues("Canada and Mexico cut tariffs in new trade deal", "The ministers met in Ottawa."))
                .contains("trade");
    }

    @Test
    void aSpanishBorderStoryGetsMexicoUsAndBorder() {
        var c = Fixtures.classifier().classify("Refuerzan la vigilancia",
                "El gobierno mexicano envió tropas a la frontera con Estados Unidos para frenar el cruce de migrantes.");
        assertThat(c.language()).isEqualTo("es");
        assertThat(c.pairs()).extracting(io.dyad.contracts.PairTag::pair).contains("MX-US");
        assertThat(c.issues()).extracting(IssueTag::id).contains("border", "migration");
    }

    @Test
    void reviewedSpanishLexicon() {
        assertThat(issues("Récord de remesas", "Los envíos de remesas desde Estados Unidos crecieron 8 por ciento."))
                .contains("finance");
        assertThat(issues("Revisión del T-MEC", "Los negociadores discutieron las reglas de origen.")).contains("trade");
        assertThat(issues("Golpe al cártel", "La policía detuvo a un jefe del cártel en Culiacán."))
                .contains("organized_crime", "drug_trafficking");
        assertThat(issues("Decomisan fentanilo", "Agentes aseguraron fentanilo en la aduana.")).contains("drug_trafficking");
        assertThat(issues("Huelga en la planta", "Los trabajadores iniciaron una huelga por salarios.")).contains("labor");
        assertThat(issues("Aumentan las solicitudes de asilo", "Los migrantes esperan su cita.")).contains("migration");
        // the economy named inside a sanction is the sanction ("embargo económico"), not an economy story
        assertThat(issues("Cuba pide el fin del embargo", "La isla denunció el embargo económico en la ONU."))
                .contains("sanctions").doesNotContain("economy");
        // a foreign ministry quoted once as the source of a figure does not make a story about diplomacy
        assertThat(issues("Aumenta el tráfico de armas", "Según la cancillería, llegan miles de armas de fuego."))
                .contains("arms").doesNotContain("diplomacy");
    }
}
