package io.dyad.classify.model;

import io.dyad.classify.service.Classification;
import io.dyad.contracts.CountryTag;
import io.dyad.contracts.IssueTag;
import io.dyad.contracts.PairTag;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of POST /classify: the same tags a TaggedArticle carries. */
public record ClassifyResponse(
        @Schema(description = "ISO 639-1 code of the detected language", example = "en") String language,
        @Schema(description = "Countries by falling salience; the first is the focus") List<CountryTag> countries,
        @Schema(description = "Country pairs the text relates, sorted form \"MX-US\"") List<PairTag> pairs,
        @Schema(description = "Issues of the Dyad taxonomy with IPTC Media Topic codes") List<IssueTag> issues) {

    public static ClassifyResponse of(Classification c) {
        return new ClassifyResponse(c.language(), c.countries(), c.pairs(), c.issues());
    }
}
