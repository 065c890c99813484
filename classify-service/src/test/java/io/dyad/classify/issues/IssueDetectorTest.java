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
}
