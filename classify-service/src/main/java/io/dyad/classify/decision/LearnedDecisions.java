package io.dyad.classify.decision;

import io.dyad.classify.gazetteer.CountryMention;
import io.dyad.classify.gazetteer.ScoredCountry;
import io.dyad.classify.pairs.MentionLists;
import io.dyad.classify.pairs.PairCandidate;
import io.dyad.classify.pairs.PairDetector;
import io.dyad.classify.text.ResourceFiles;
import io.dyad.contracts.PairTag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learned decisions (decision/decisions-v1.tsv, written by tools/train_decisions.py): which candidate countries of
 * an article are tags, in which order (the first is the focus), and which pairs of them are pairs.
 * <p>
 * Countries: the most salient one is always answered (the focus); a country named only in credits, bios or teasers
 * never is otherwise; the others are answered by the decision the trainer chose on the tuning split: a salience
 * threshold ({@link CountryDecision#SALIENCE}) or the country model's probability ({@link CountryDecision#LEARNED}; the
 * model was fitted on the candidates after the most salient one, so it decides membership, not the order). Answered
 * countries keep their salience as score and its order. Pairs: among the
 * {@value #PAIR_CANDIDATES} most salient candidates, two answered countries both named outside credits and bios are a
 * pair when the pair model gives them at least {@code pairAdd}, or when the session-3 rule relates them (both at least
 * {@code ruleMinSalience}, and a shared construction, sentence or paragraph or both at least {@code ruleMainSalience})
 * and the model gives them at least {@code pairKeep}: the model vetoes unlikely rule pairs and adds likely pairs the
 * rules miss. The score is the model's probability. Every tag keeps its evidence: countries their mentions, pairs the
 * sentences that relate them (or each one's first sentence when only the article relates them).
 */
public final class LearnedDecisions {

    public static final String RESOURCE = "/decision/decisions-v1.tsv";
    /** Pairs are formed among this many most salient candidates, as in the trainer's feature dump. */
    public static final int PAIR_CANDIDATES = 20;
    private static final int BOILERPLATE_ONLY = CountryFeatures.NAMES.indexOf("boilerplate_only");

    /** How the countries other than the focus are chosen. */
    public enum CountryDecision {
        /** salience at least the country threshold */
        SALIENCE,
        /** the country model's probability at least the threshold */
        LEARNED
    }

    /** Thresholds: the country's (salience or probability), the pair model's to keep a rule pair and to add one. */
    public record Thresholds(double country, double pairKeep, double pairAdd, double ruleMinSalience,
            double ruleMainSalience) {
    }

    private final String version;
    private final CountryDecision countryDecision;
    private final LinearDecision country;
    private final LinearDecision pair;
    private final Thresholds thresholds;

    public LearnedDecisions(String version, CountryDecision countryDecision, LinearDecision country,
            LinearDecision pair, Thresholds thresholds) {
        if (!country.features().equals(CountryFeatures.NAMES) || !pair.features().equals(PairFeatures.NAMES)) {
            throw new IllegalStateException("decision weights " + version + " do not match the features of this "
                    + "build: rerun tools/train_decisions.py");
        }
        this.version = version;
        this.countryDecision = countryDecision;
        this.country = country;
        this.pair = pair;
        this.thresholds = thresholds;
    }

    /** What was decided for one article: answered countries (focus first) with their probabilities, and pairs. */
    public record Decided(List<ScoredCountry> countries, List<PairTag> pairs) {
    }

    public String version() {
        return version;
    }

    /** Decides on the candidates (all scored countries, by falling salience). */
    public Decided decide(List<ScoredCountry> candidates) {
        if (candidates.isEmpty()) {
            return new Decided(List.of(), List.of());
        }
        List<CountryMention> all = new ArrayList<>();
        candidates.forEach(c -> all.addAll(c.mentions()));
        MentionLists lists = MentionLists.of(all);
        double[][] rows = CountryFeatures.of(candidates, lists);
        Map<String, Double> logits = new HashMap<>();
        Map<String, ScoredCountry> answered = new LinkedHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            ScoredCountry c = candidates.get(i);
            double logit = country.logit(rows[i]);
            logits.put(c.code(), logit);
            boolean accepted = (countryDecision == CountryDecision.LEARNED
                    ? LinearDecision.probability(logit) : c.score()) >= thresholds.country();
            if (i == 0) {
                accepted = true; // the focus is always answered
            } else if (rows[i][BOILERPLATE_ONLY] != 0) {
                accepted = false;
            }
            if (accepted) {
                answered.put(c.code(), c);
            }
        }
        List<PairTag> pairs = new ArrayList<>();
        for (PairCandidate candidate : PairDetector.candidates(candidates, PAIR_CANDIDATES, lists)) {
            String a = candidate.first().code();
            String b = candidate.second().code();
            if (!answered.containsKey(a) || !answered.containsKey(b)) {
                continue;
            }
            double p = LinearDecision.probability(
                    pair.logit(PairFeatures.of(candidate, candidates.size(), logits.get(a), logits.get(b))));
            double low = Math.min(candidate.first().score(), candidate.second().score());
            boolean rule = low >= thresholds.ruleMinSalience()
                    && (candidate.related() || low >= thresholds.ruleMainSalience());
            if (p >= thresholds.pairAdd() || rule && p >= thresholds.pairKeep()) {
                pairs.add(PairDetector.tag(candidate, p));
            }
        }
        pairs.sort(Comparator.comparingDouble(PairTag::score).reversed());
        return new Decided(List.copyOf(answered.values()), pairs);
    }

    /** Reads the weights resource: rows {@code kind  key  value} (see the file's header). */
    public static LearnedDecisions load() {
        return parse(ResourceFiles.readTsv(RESOURCE, null));
    }

    static LearnedDecisions parse(List<String[]> rows) {
        String version = null;
        CountryDecision countryDecision = null;
        Map<String, Map<String, Double>> weights = new HashMap<>();
        Map<String, Double> bias = new HashMap<>();
        Map<String, Double> threshold = new HashMap<>();
        Map<String, Double> rule = new HashMap<>();
        for (String[] row : rows) {
            switch (row[0]) {
                case "version" -> version = row[1];
                case "country-decision" -> countryDecision = CountryDecision.valueOf(row[1].toUpperCase(
                        java.util.Locale.ROOT));
                case "bias" -> bias.put(row[1], Double.parseDouble(row[2]));
                case "threshold" -> threshold.put(row[1], Double.parseDouble(row[2]));
                case "pair-rule" -> rule.put(row[1], Double.parseDouble(row[2]));
                case "weight" -> weights.computeIfAbsent(row[1], k -> new LinkedHashMap<>())
                        .put(row[2], Double.parseDouble(row[3]));
                default -> throw new IllegalStateException("unknown row in " + RESOURCE + ": " + row[0]);
            }
        }
        if (version == null || countryDecision == null || !threshold.keySet().equals(
                java.util.Set.of("country", "pair-keep", "pair-add"))
                || !rule.keySet().equals(java.util.Set.of("min-salience", "main-salience"))) {
            throw new IllegalStateException(RESOURCE + " lacks its version, country-decision, thresholds or pair rule");
        }
        return new LearnedDecisions(version, countryDecision, decision("country", CountryFeatures.NAMES, weights, bias),
                decision("pair", PairFeatures.NAMES, weights, bias), new Thresholds(threshold.get("country"),
                        threshold.get("pair-keep"), threshold.get("pair-add"), rule.get("min-salience"),
                        rule.get("main-salience")));
    }

    private static LinearDecision decision(String kind, List<String> names, Map<String, Map<String, Double>> weights,
            Map<String, Double> bias) {
        Map<String, Double> w = weights.getOrDefault(kind, Map.of());
        if (!w.keySet().equals(new java.util.HashSet<>(names)) || !bias.containsKey(kind)) {
            throw new IllegalStateException(RESOURCE + " does not hold the " + kind + " features of this build "
                    + names + ": rerun tools/train_decisions.py");
        }
        double[] values = new double[names.size()];
        for (int i = 0; i < names.size(); i++) {
            values[i] = w.get(names.get(i));
        }
        return new LinearDecision(names, bias.get(kind), values);
    }
}
