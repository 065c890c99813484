package io.dyad.classify.rest;

import io.dyad.classify.gazetteer.Gazetteer;
import io.dyad.classify.issues.IssueTaxonomy;
import io.dyad.classify.model.TaxonomyResponse;
import io.dyad.classify.model.TaxonomyResponse.CountryItem;
import io.dyad.classify.model.TaxonomyResponse.IssueItem;
import io.dyad.classify.model.TaxonomyResponse.Names;
import io.dyad.classify.service.ArticleClassifier;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** GET /taxonomy: the issues (ids, IPTC codes, names) and countries (codes, names) the classifier tags. */
@Path("/taxonomy")
public class TaxonomyResource {

    private final TaxonomyResponse taxonomy;

    public TaxonomyResource(ArticleClassifier classifier) {
        this.taxonomy = new TaxonomyResponse(
                "issues-" + IssueTaxonomy.VERSION + "+gazetteer-" + Gazetteer.VERSION,
                classifier.settings().version(),
                classifier.taxonomy().all().stream()
                        .map(i -> new IssueItem(i.id(), i.iptc(), new Names(i.nameEn(), i.nameEs()))).toList(),
                classifier.gazetteer().countries().values().stream()
                        .map(c -> new CountryItem(c.code(), new Names(c.nameEn(), c.nameEs()))).toList());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The issue taxonomy and the countries", description = "Issue ids with IPTC Media Topic codes"
            + " (© IPTC, CC BY 4.0) and names in English and Spanish; ISO 3166-1 country codes with names.")
    public TaxonomyResponse taxonomy() {
        return taxonomy;
    }
}
