package io.dyad.classify.issues;

import io.dyad.classify.text.Field;
import io.dyad.classify.text.FieldText;
import io.dyad.classify.text.Token;
import io.dyad.classify.text.TokenTrie;
import io.dyad.contracts.Evidence;
import io.dyad.contracts.IssueTag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issues by lexicon: a longest-match scan of the fields over the language's issue phrases. Each match adds its weight
 * times a field factor (title 2, summary 1.5, lead 1.25, body 1); the n-th repeat of one phrase adds 1/n of that, so
 * a word repeated all along a long article does not outweigh several different phrases. An issue is tagged when its
 * total reaches {@code minWeight}; its score is 1 - exp(-total / 2.5).
 */
public final class IssueDetector {

    private static final int MAX_EVIDENCE = 5;
    /** Title lexicon weight, in multiples of minWeight, that tags an issue a model covers when the model does not. */
    static final double TITLE_LEXICON_FACTOR = 2.0;

    private final IssueTaxonomy taxonomy;
    private final double minWeight;

    public IssueDetector(IssueTaxonomy taxonomy, double minWeight) {
        this.taxonomy = taxonomy;
        this.minWeight = minWeight;
    }

    private record Hit(FieldText field, int first, int last, double contribution, int order) {
    }

    public List<IssueTag> detect(List<FieldText> fields, IssueLexicon lexicon) {
        return detect(fields, lexicon, null);
    }

    /**
     * Lexicon weights decide every issue, except those a trained {@code model} covers (null: none): for those the
     * model's probability is the score and its threshold decides; the evidence is the model's strongest features.
     */
    public List<IssueTag> detect(List<FieldText> fields, IssueLexicon lexicon, IssueModel model) {
        // per issue (taxonomy position): the summed weight, the title's part, the hits; issues in the order of their
        // first weight (ties in score keep that order, as the sort below is stable)
        int issueCount = taxonomy.size();
        double[] totals = new double[issueCount];
        boolean[] present = new boolean[issueCount];
        int[] firstOrder = new int[issueCount];
        int presentCount = 0;
        double[] titleTotals = new double[issueCount];
        @SuppressWarnings("unchecked")
        List<Hit>[] hits = new List[issueCount];
        int[] repeats = new int[lexicon.repeatKeys()];
        int order = 0;
        Frontier frontier = new Frontier();
        for (FieldText field : fields) {
            List<Token> tokens = field.tokens();
            int i = 0;
            while (i < tokens.size()) {
                Best best = longest(field, i, lexicon.trie(), frontier);
                if (best == null) {
                    i++;
                    continue;
                }
                int n = ++repeats[best.entry.repeatIndex()];
                double factor = fieldFactor(field, i) / n;
                int[] issueIndex = best.entry.issueIndex();
                double[] issueWeight = best.entry.issueWeight();
                for (int k = 0; k < issueIndex.length; k++) {
                    int issue = issueIndex[k];
                    double contribution = issueWeight[k] * factor;
                    if (present[issue]) {
                        totals[issue] += contribution;
                    } else {
                        present[issue] = true;
                        totals[issue] = contribution;
                        firstOrder[presentCount++] = issue;
                    }
                    if (field.field() == Field.TITLE) {
                        titleTotals[issue] += contribution;
                    }
                    if (contribution > 0) {
                        if (hits[issue] == null) {
                            hits[issue] = new ArrayList<>();
                        }
                        hits[issue].add(new Hit(field, i, best.last, contribution, order++));
                    }
                }
                i = best.last + 1;
            }
        }
        List<IssueTag> tags = new ArrayList<>();
        Map<String, IssueModel.Prediction> predictions = model == null ? Map.of() : model.predict(fields);
        for (IssueModel.Prediction p : predictions.values()) {
            if (p.validated() && p.tagged()) {
                IssueDefinition issue = taxonomy.get(p.issue());
                List<Hit> issueHits = hits[taxonomy.index(p.issue())];
                List<Evidence> evidence = p.evidence().isEmpty() && issueHits != null
                        ? evidence(issueHits) : p.evidence();
                tags.add(new IssueTag(issue.id(), issue.iptc(), round(p.probability()), evidence));
            }
        }
        for (int f = 0; f < presentCount; f++) {
            int index = firstOrder[f];
            IssueDefinition issue = taxonomy.get(index);
            double total = totals[index];
            IssueModel.Prediction predicted = predictions.get(issue.id());
            // the model decides only where it was trained on this kind of input (a model fitted on headlines alone
            // has never seen a whole article of that issue): elsewhere the lexicon decides, as for the other issues
            boolean modelDecides = predicted != null && predicted.validated();
            // where the model decides but does not tag, the lexicon still tags when the headline itself names the
            // issue clearly: explicit wording the training data may not have seen (measured on the tuning split:
            // body wording, even strong and backed by a model probability of 0.1-0.2, cost Reuters macro-F1)
            boolean lexiconTags = modelDecides
                    ? titleTotals[index] >= TITLE_LEXICON_FACTOR * minWeight
                    : total >= minWeight;
            if (modelDecides && predicted.tagged() || !lexiconTags) {
                continue;
            }
            tags.add(new IssueTag(issue.id(), issue.iptc(), round(1 - Math.exp(-total / 2.5)),
                    evidence(hits[index])));
        }
        tags.sort(Comparator.comparingDouble(IssueTag::score).reversed());
        return tags;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private record Best(LexiconEntry entry, int last) {
    }

    /** The trie nodes reached so far and those of the next token: two lists reused by every walk of a text. */
    private static final class Frontier {
        List<TokenTrie.Node<LexiconEntry>> nodes = new ArrayList<>(4);
        List<TokenTrie.Node<LexiconEntry>> next = new ArrayList<>(4);

        void advance() {
            List<TokenTrie.Node<LexiconEntry>> reached = next;
            next = nodes;
            next.clear();
            nodes = reached;
        }
    }

    /** The longest phrase starting at token {@code i}; among equally long ones the most specific. */
    private static Best longest(FieldText field, int i, TokenTrie<LexiconEntry> trie, Frontier frontier) {
        List<Token> tokens = field.tokens();
        // most words start no phrase: answer them without allocating
        if (!trie.root().hasChild(tokens.get(i))) {
            return null;
        }
        frontier.nodes.clear();
        frontier.next.clear();
        frontier.nodes.add(trie.root());
        LexiconEntry bestEntry = null;
        int bestLast = -1;
        for (int j = i; j < tokens.size() && !frontier.nodes.isEmpty(); j++) {
            if (j > i && !joinable(field, j)) {
                break;
            }
            Token token = tokens.get(j);
            for (int k = 0; k < frontier.nodes.size(); k++) {
                frontier.nodes.get(k).children(token, frontier.next);
            }
            LexiconEntry bestHere = null;
            for (int k = 0; k < frontier.next.size(); k++) {
                List<LexiconEntry> values = frontier.next.get(k).values();
                for (int v = 0; v < values.size(); v++) {
                    LexiconEntry entry = values.get(v);
                    if (accepts(entry, field, i) && (bestHere == null || entry.specificity() > bestHere.specificity())) {
                        bestHere = entry;
                    }
                }
            }
            if (bestHere != null) {
                bestEntry = bestHere;
                bestLast = j;
            }
            frontier.advance();
        }
        return bestEntry == null ? null : new Best(bestEntry, bestLast);
    }

    private static boolean accepts(LexiconEntry entry, FieldText field, int first) {
        if (!entry.caseSensitive()) {
            return true;
        }
        for (int k = 0; k < entry.words().length; k++) {
            if (!field.tokens().get(first + k).letters().equals(entry.words()[k])) {
                return false;
            }
        }
        return true;
    }

    /** Words of one phrase: same sentence, apart only by spaces, a line break or a hyphen. */
    private static boolean joinable(FieldText field, int j) {
        if (field.sentenceOf(j) != field.sentenceOf(j - 1)) {
            return false;
        }
        String text = field.text();
        for (int c = field.gapStart(j), end = field.gapEnd(j); c < end; c++) {
            char ch = text.charAt(c);
            if (!Character.isWhitespace(ch) && ch != '-' && ch != '–') {
                return false;
            }
        }
        return true;
    }

    private static double fieldFactor(FieldText field, int token) {
        if (field.field() == Field.TITLE) {
            return 2.0;
        }
        if (field.field() == Field.SUMMARY) {
            return 1.5;
        }
        return field.sentenceOf(token) <= 1 ? 1.25 : 1.0;
    }

    private static List<Evidence> evidence(List<Hit> hits) {
        List<Hit> strongest = new ArrayList<>(hits);
        strongest.sort(Comparator.comparingDouble(Hit::contribution).reversed().thenComparingInt(Hit::order));
        List<Hit> chosen = new ArrayList<>(strongest.subList(0, Math.min(MAX_EVIDENCE, strongest.size())));
        chosen.sort(Comparator.comparingInt(Hit::order));
        List<Evidence> out = new ArrayList<>();
        for (Hit hit : chosen) {
            int start = hit.field().tokens().get(hit.first()).start();
            int end = hit.field().tokens().get(hit.last()).end();
            out.add(new Evidence(hit.field().field().wireName(), start, end, hit.field().text().substring(start, end)));
        }
        return out;
    }
}
