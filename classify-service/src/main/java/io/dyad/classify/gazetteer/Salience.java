package io.dyad.classify.gazetteer;

import io.dyad.classify.text.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salience of each mentioned country. Every mention adds its kind's weight (a name more than a city) times a position
 * weight: the title counts three times a body mention (a little less towards its end), the summary and the lead (the first two sentences, three when they are one paragraph)
 * one and a half, and later body mentions fade from 1.0 to 0.6 towards the end. The score mixes the country's share of
 * the strongest country's weight (relative) with a saturating function of its own weight (absolute), so one passing
 * mention in a long article stays low while the focus country approaches 1.
 */
public final class Salience {

    static final double TITLE_WEIGHT = 3.0;
    static final double LEAD_WEIGHT = 1.5;
    static final double RELATIVE_SHARE = 0.6;
    static final double SATURATION = 3.0;
    /** A mention in a credit, an author bio or page furniture ("Read more: ...") counts this much. */
    static final double BOILERPLATE_WEIGHT = 0.1;

    private Salience() {
    }

    /** Countries by falling score; ties keep the order of first mention. */
    public static List<ScoredCountry> score(List<CountryMention> mentions) {
        Map<String, List<CountryMention>> byCode = new LinkedHashMap<>();
        Map<String, Double> raw = new LinkedHashMap<>();
        for (CountryMention m : mentions) {
            byCode.computeIfAbsent(m.code(), c -> new ArrayList<>()).add(m);
            raw.merge(m.code(), m.kind().weight() * positionWeight(m), Double::sum);
        }
        double max = raw.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        List<ScoredCountry> out = new ArrayList<>();
        for (Map.Entry<String, List<CountryMention>> e : byCode.entrySet()) {
            double r = raw.get(e.getKey());
            double score = RELATIVE_SHARE * (r / max) + (1 - RELATIVE_SHARE) * (1 - Math.exp(-r / SATURATION));
            out.add(new ScoredCountry(e.getKey(), round(Math.min(1.0, score)), List.copyOf(e.getValue())));
        }
        out.sort(Comparator.comparingDouble(ScoredCountry::score).reversed());
        return out;
    }

    static double positionWeight(CountryMention m) {
        if (m.fieldText().boilerplate(m.sentence())) {
            return BOILERPLATE_WEIGHT;
        }
        if (m.field() == Field.TITLE) {
            // the country a headline names first is usually its subject
            return TITLE_WEIGHT * (1.0 - 0.2 * m.start() / Math.max(1.0, m.fieldText().text().length()));
        }
        if (m.field() == Field.SUMMARY || m.sentence() <= 1 || m.paragraph() == 0 && m.sentence() <= 2) {
            return LEAD_WEIGHT;
        }
        double length = Math.max(1, m.fieldText().text().length());
        return 1.0 - 0.4 * (m.start() / length);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
