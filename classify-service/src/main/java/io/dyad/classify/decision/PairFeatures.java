package io.dyad.classify.decision;

import io.dyad.classify.pairs.PairCandidate;
import java.util.List;

/**
 * The features of a candidate pair for the learned pair decision (is it a pair?), language-independent: both
 * saliences, how the text relates the two (bilateral constructions, shared sentences, other shared paragraphs, the
 * fewest tokens between them, shared lists), the title, ranks, the number of countries, and the country decision's
 * log-odds for each (the lower and the higher). The order of {@link #NAMES} is the order of the weights file.
 */
public final class PairFeatures {

    public static final List<String> NAMES = List.of("salience_min", "salience_max", "salience_geo",
            "log_constructions", "log_sentences", "log_paragraphs", "related", "both_in_title", "log_shared_lists",
            "nearness", "log_countries", "has_top", "log_rank_max", "country_logit_min", "country_logit_max");

    /** Features of the candidate alone, without the two country log-odds (the last two names). */
    public static final int OWN = NAMES.size() - 2;

    private PairFeatures() {
    }

    /**
     * @param countries  candidate countries in the article
     * @param logitFirst the country decision's log-odds of the first country, same for the second
     */
    public static double[] of(PairCandidate c, int countries, double logitFirst, double logitSecond) {
        double a = c.first().score();
        double b = c.second().score();
        return new double[] {
            Math.min(a, b),
            Math.max(a, b),
            Math.sqrt(a * b),
            Math.log1p(c.constructions()),
            Math.log1p(c.sentences()),
            Math.log1p(c.paragraphs()),
            c.related() ? 1 : 0,
            inTitle(c.first()) && inTitle(c.second()) ? 1 : 0,
            Math.log1p(c.sharedLists()),
            c.minGap() < 0 ? 0 : 1.0 / (1 + c.minGap()),
            Math.log(Math.max(2, countries)),
            Math.min(c.firstRank(), c.secondRank()) == 0 ? 1 : 0,
            Math.log1p(Math.max(c.firstRank(), c.secondRank())),
            Math.min(logitFirst, logitSecond),
            Math.max(logitFirst, logitSecond),
        };
    }

    private static boolean inTitle(io.dyad.classify.gazetteer.ScoredCountry c) {
        return c.mentions().stream().anyMatch(m -> m.field() == io.dyad.classify.text.Field.TITLE
                && !m.fieldText().boilerplate(m.sentence()));
    }
}
