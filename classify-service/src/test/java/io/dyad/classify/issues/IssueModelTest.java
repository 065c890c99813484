package io.dyad.classify.issues;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.classify.Fixtures;
import io.dyad.classify.text.Field;
import io.dyad.classify.text.FieldText;
import io.dyad.contracts.Evidence;
import io.dyad.contracts.IssueTag;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trained English issue model (issues/model-en-v1.tsv), on articles written for these tests. */
class IssueModelTest {

    private final IssueModel model = IssueModel.load("en", Fixtures.classifier().taxonomy());

    @Test
    void englishHasAModelForTheIssuesOfTheDevData() {
        assertThat(model).isNotNull();
        assertThat(model.issues()).contains("agriculture", "economy", "energy", "finance", "labor", "trade",
                "defense", "health", "migration", "environment");
        assertThat(IssueModel.load("es", Fixtures.classifier().taxonomy())).isNull();
    }

    @Test
    void featuresAreFoldedWordsAndAdjacentPairsWithTheirFirstSpan() {
        FieldText title = FieldText.of(Field.TITLE, "Café owners: Trade-deficit WIDENS, a 5% rise");
        assertThat(IssueModel.features(List.of(title)).keySet()).containsExactly("cafe", "owners", "cafe owners",
                "trade", "owners trade", "deficit", "trade deficit", "widens", "deficit widens", "rise");
    }

    @Test
    void probabilitiesFollowTheText() {
        Map<String, IssueModel.Prediction> trade = model.predict(List.of(
                FieldText.of(Field.TITLE, "Trade deficit widens as imports of cars surge"),
                FieldText.of(Field.TEXT, "The trade deficit widened in March as imports rose and exports fell, "
                        + "officials said, adding pressure for tariffs and new trade talks.")));
        Map<String, IssueModel.Prediction> oil = model.predict(List.of(
                FieldText.of(Field.TITLE, "Crude oil prices climb as OPEC cuts output"),
                FieldText.of(Field.TEXT, "Crude oil rose after OPEC ministers agreed to cut production by "
                        + "one million barrels per day.")));
        assertThat(trade.get("trade").tagged()).isTrue();
        assertThat(trade.get("trade").probability()).isGreaterThan(oil.get("trade").probability());
        assertThat(oil.get("energy").tagged()).isTrue();
        assertThat(oil.get("energy").probability()).isGreaterThan(trade.get("energy").probability());
        assertThat(oil.get("health").tagged()).isFalse();
    }

    @Test
    void modelTagsCarryTheirStrongestFeaturesAsEvidence() {
        List<IssueTag> tags = Fixtures.classifier().classify("Crude oil prices climb as OPEC cuts output",
                "Crude oil rose after OPEC ministers agreed to cut production.").issues();
        IssueTag energy = tags.stream().filter(t -> t.id().equals("energy")).findFirst().orElseThrow();
        assertThat(energy.score()).isBetween(0.0, 1.0);
        assertThat(energy.evidence()).isNotEmpty().extracting(Evidence::text).anyMatch(t -> t.contains("oil")
                || t.contains("OPEC") || t.contains("Crude"));
    }

    @Test
    void hashedFeaturesGiveTheSameLogitsAsTheStringFeatures() {
        List<List<FieldText>> texts = List.of(
                List.of(FieldText.of(Field.TITLE, "U.S. trade deficit widens as oil imports soar"),
                        FieldText.of(Field.TEXT, "The trade deficit rose to 12.5 billion dlrs in March, the Commerce "
                                + "Department said. Imports of crude oil and gasoline climbed; a farm-state senator "
                                + "called for tariffs.")),
                List.of(FieldText.of(Field.TITLE, "Café owners in São Paulo protest the new coffee tax"),
                        FieldText.of(Field.TEXT, "Ñandú farmers, naïve exporters and the Straße-based importers "
                                + "say prices fell. I a x y z are one-letter words.")),
                List.of(FieldText.of(Field.TITLE, "Immigration bill stalls in the Senate")),
                // digits inside words, dotted abbreviations, other scripts' digits, a lone combining mark
                List.of(FieldText.of(Field.TITLE, "G7 trade ministers meet; 3rd round of U.S.-EE.UU. tariff talks"),
                        FieldText.of(Field.TEXT, "In the 1980s oil2gas exports rose \u0663\u0664 pct, covid19 "
                                + "cases fell. Farm \u0301 prices, trade-deficit figures, ab.cd.efg and x.y trade.")),
                // a text past the model's 4,000 characters, with a word across the limit
                List.of(FieldText.of(Field.TEXT, "trade deficit ".repeat(285) + "abc tariffs imports surge")),
                // characters outside the BMP: the character path
                List.of(FieldText.of(Field.TEXT, "Trade \uD835\uDC00\uD835\uDC01 deficit and oil \uD835\uDC00 imports")));
        for (List<FieldText> fields : texts) {
            assertThat(model.logits(fields)).containsExactly(model.referenceLogits(fields),
                    org.assertj.core.data.Offset.offset(1e-9));
            // the token path and the character path add the same features in the same order: equal to the last bit
            assertThat(model.logits(fields)).containsExactly(model.charLogits(fields));
        }
    }
}
