package io.dyad.classify.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dyad.classify.Fixtures;
import io.dyad.classify.service.ArticleClassifier;
import io.dyad.classify.service.Classification;
import io.dyad.contracts.CountryTag;
import io.dyad.contracts.Evidence;
import io.dyad.contracts.PairTag;
import io.dyad.classify.text.ResourceFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearnedDecisionsTest {

    private static final String MULTILATERAL_TITLE = "South American ministers agree debt strategy";
    private static final String MULTILATERAL = "Finance ministers of Brazil, Argentina, Chile, Peru, Colombia, Ecuador, "
            + "Bolivia and Paraguay met in Lima on Monday to agree on a common debt strategy. "
            + "Argentina and Brazil proposed a joint fund; Chile, Peru and Colombia backed it, while Ecuador, "
            + "Bolivia and Paraguay asked for more time.";

    @Test
    void theCommittedWeightsMatchTheFeaturesOfThisBuild() {
        LearnedDecisions decisions = LearnedDecisions.load();
        assertThat(decisions.version()).isEqualTo("decisions-v1");
        assertThat(Fixtures.classifier().settings().learnedDecisions()).isTrue();
    }

    @Test
    void aWeightsFileForOtherFeaturesIsRefusedAtLoad() {
        List<String[]> rows = new ArrayList<>(ResourceFiles.readTsv(LearnedDecisions.RESOURCE, null));
        rows.removeIf(r -> r[0].equals("weight") && r[2].equals("nearness"));
        assertThatThrownBy(() -> LearnedDecisions.parse(rows)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pair");
        List<String[]> noThresholds = new ArrayList<>(ResourceFiles.readTsv(LearnedDecisions.RESOURCE, null));
        noThresholds.removeIf(r -> r[0].equals("threshold") && r[1].equals("pair-add"));
        assertThatThrownBy(() -> LearnedDecisions.parse(noThresholds)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCountryNamedOnlyInABioOrACreditIsNotATagAndPairsWithNobody() {
        Classification c = Fixtures.classifier().classify("Mexico and the U.S. agree on water sharing",
                "Mexico and the United States agreed on Tuesday to share the water of the Rio Grande. "
                        + "Officials in Mexico City and Washington welcomed the deal.\n\n"
                        + "Jane Doe is a reporter based in Madrid, Spain. Reporting by John Roe in Rabat, Morocco.");
        assertThat(c.countries()).extracting(CountryTag::code).containsExactlyInAnyOrder("MX", "US");
        assertThat(c.pairs()).extracting(PairTag::pair).containsExactly("MX-US");
    }

    @Test
    void aCountryInAPassingListLateInAStoryDoesNotPairWithTheFocus() {
        String body = ("Brazil's soybean harvest hit a record this season, the agriculture ministry said. "
                + "Brazilian farmers sold more grain to local crushers than in any year before.\n\n").repeat(4)
                + "Prices elsewhere, in Spain, Italy, Greece and Turkey, hardly moved.";
        Classification c = Fixtures.classifier().classify("Brazil harvest hits record", body);
        assertThat(c.countries().get(0).code()).isEqualTo("BR");
        assertThat(c.pairs()).extracting(PairTag::pair).noneMatch(p -> p.contains("BR"));
    }

    @Test
    void aMultilateralStoryPairsItsMembersEachWithEvidenceFromTheText() {
        Classification c = Fixtures.classifier().classify(MULTILATERAL_TITLE, MULTILATERAL);
        assertThat(c.countries()).hasSize(8);
        assertThat(c.pairs()).hasSize(28);
        assertThat(c.pairs()).allSatisfy(p -> {
            assertThat(p.score()).isBetween(0.0, 1.0);
            assertThat(p.evidence()).isNotEmpty().allSatisfy(e -> assertSpanOf(e, MULTILATERAL_TITLE, MULTILATERAL));
        });
    }

    @Test
    void theDecisionsAreLanguageIndependent() {
        String title = "Ministros sudamericanos acuerdan una estrategia de deuda";
        String text = "Los ministros de Hacienda de Brasil, Argentina, Chile, Perú y Colombia se reunieron el lunes "
                + "en Lima para acordar una estrategia común. Argentina y Brasil propusieron un fondo conjunto; "
                + "Chile, Perú y Colombia lo respaldaron.";
        Classification c = Fixtures.classifier().classify(title, text);
        assertThat(c.language()).isEqualTo("es");
        assertThat(c.countries()).extracting(CountryTag::code).containsExactlyInAnyOrder("BR", "AR", "CL", "PE", "CO");
        assertThat(c.pairs()).extracting(PairTag::pair).contains("AR-BR").hasSize(10);
        assertThat(c.pairs()).allSatisfy(p -> assertThat(p.evidence()).isNotEmpty()
                .allSatisfy(e -> assertSpanOf(e, title, text)));
    }

    @Test
    void countriesKeepTheirSalienceOrderScoreAndEvidence() {
        Classification c = Fixtures.classifier().classify("Japan, Brazil sign deal",
                "Japan and Brazil signed a deal. Tokyo said more would come.");
        assertThat(c.countries()).extracting(CountryTag::code).containsExactly("JP", "BR");
        assertThat(c.countries().get(0).score()).isGreaterThanOrEqualTo(c.countries().get(1).score());
        assertThat(c.countries()).allSatisfy(t -> assertThat(t.evidence()).hasSize(t.mentions()));
    }

    @Test
    void theSessionThreeRulesRemainAvailable() {
        ArticleClassifier rules = new ArticleClassifier(Fixtures.classifier().gazetteer(),
                Fixtures.classifier().taxonomy(), java.util.Map.of("en", io.dyad.classify.issues.IssueLexicon.load("en",
                        Fixtures.classifier().taxonomy())), io.dyad.classify.language.LanguageDetector.load(),
                Fixtures.classifier().settings().withRules());
        assertThat(rules.settings().learnedDecisions()).isFalse();
        Classification c = rules.classify(MULTILATERAL_TITLE, MULTILATERAL);
        assertThat(c.pairs()).hasSize(28);
        assertThat(rules.classify("US-Mexico talks resume", "Negotiators met again.").pairs())
                .extracting(PairTag::pair).containsExactly("MX-US");
    }

    private static void assertSpanOf(Evidence e, String title, String text) {
        String field = e.field().equals("title") ? title : text;
        assertThat(field.substring(e.start(), e.end())).isEqualTo(e.text());
    }
}
