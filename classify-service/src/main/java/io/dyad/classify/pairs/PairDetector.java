package io.dyad.classify.pairs;

import io.dyad.classify.gazetteer.CountryMention;
import io.dyad.classify.gazetteer.ScoredCountry;
import io.dyad.classify.text.Field;
import io.dyad.classify.text.FieldText;
import io.dyad.classify.text.Sentence;
import io.dyad.contracts.CountryPair;
import io.dyad.contracts.Evidence;
import io.dyad.contracts.PairTag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Country pairs: two salient countries that the text relates. Relations, strongest first: a bilateral construction
 * ("US-Mexico", "U.S./Mexico", "Mexico and the United States", "between Mexico and the United States", "entre México
 * y Estados Unidos"), the same sentence (the title counts as one), the same paragraph (title and lead count as one),
 * and, weakest, the article itself when both countries are among its main subjects (salience at least
 * {@code mainSalience}). Mentions in credits, author bios and teasers relate nothing.
 * A country that is not salient (a passing mention) forms no pair.
 */
public final class PairDetector {

    private static final Set<String> BETWEEN = Set.of("between", "entre");
    private static final Set<String> AND = Set.of("and", "y", "e", "&");
    private static final Set<String> ARTICLES = Set.of("the", "el", "la", "los", "las");
    private static final int MAX_EVIDENCE = 3;

    private final double minSalience;
    private final double mainSalience;
    private final int maxCountries;

    public PairDetector(double minSalience, double mainSalience, int maxCountries) {
        this.minSalience = minSalience;
        this.mainSalience = mainSalience;
        this.maxCountries = maxCountries;
    }

    /** Where two countries meet in the text. */
    static final class Relation {
        int constructions;
        int sentences;
        int paragraphs;
        /** Fewest tokens between a mention of each in one sentence; -1 when no sentence names both. */
        int minGap = -1;
        final Set<SentenceRef> evidence = new LinkedHashSet<>();
        final Set<SentenceRef> constructionEvidence = new LinkedHashSet<>();
    }

    /** A sentence of a field (FieldText compares by identity: one instance per field of an article). */
    private record SentenceRef(FieldText field, int sentence) {
    }

    public List<PairTag> detect(List<ScoredCountry> countries) {
        List<ScoredCountry> salient = countries.stream().filter(c -> c.score() >= minSalience).limit(maxCountries)
                .toList();
        List<PairTag> pairs = new ArrayList<>();
        for (PairCandidate candidate : candidates(salient, maxCountries, null)) {
            ScoredCountry ca = candidate.first();
            ScoredCountry cb = candidate.second();
            // two main subjects of the article are related by the article itself (weakest relation)
            boolean mainSubjects = ca.score() >= mainSalience && cb.score() >= mainSalience;
            if (!candidate.related() && !mainSubjects) {
                continue;
            }
            double strength = 1 - Math.exp(-(1.2 * candidate.constructions() + 0.6 * candidate.sentences()
                    + 0.3 * candidate.paragraphs() + (mainSubjects ? 0.15 : 0)));
            double score = 0.5 * strength + 0.5 * Math.sqrt(ca.score() * cb.score());
            pairs.add(tag(candidate, score));
        }
        pairs.sort(Comparator.comparingDouble(PairTag::score).reversed());
        return pairs;
    }

    /**
     * Every two of the first {@code limit} countries (in the given order) that are both named outside credits, bios
     * and teasers, with where the text relates them. {@code lists} (may be null) adds how many lists name both.
     */
    public static List<PairCandidate> candidates(List<ScoredCountry> countries, int limit, MentionLists lists) {
        List<ScoredCountry> considered = countries.size() > limit ? countries.subList(0, limit) : countries;
        List<PairCandidate> out = new ArrayList<>();
        if (considered.size() < 2) {
            return out;
        }
        // where each country is named outside credits and bios, worked out once and not once per pair
        List<FieldText> fields = new ArrayList<>(3);
        Places[] places = new Places[considered.size()];
        for (int c = 0; c < considered.size(); c++) {
            places[c] = new Places(considered.get(c).mentions(), fields);
        }
        for (int a = 0; a < considered.size(); a++) {
            if (places[a].mentions.isEmpty()) {
                continue; // named only in credits, bios or teasers: relates to nothing
            }
            for (int b = a + 1; b < considered.size(); b++) {
                if (places[b].mentions.isEmpty()) {
                    continue;
                }
                ScoredCountry ca = considered.get(a);
                ScoredCountry cb = considered.get(b);
                Relation relation = relate(places[a], places[b]);
                int shared = lists == null ? 0 : lists.sharedLists(ca.code(), cb.code());
                out.add(new PairCandidate(ca, cb, a, b, shared, relation));
            }
        }
        return out;
    }

    /** The pair tag of a candidate with the given score: sorted codes, the score rounded, evidence sentences. */
    public static PairTag tag(PairCandidate candidate, double score) {
        return new PairTag(CountryPair.of(candidate.first().code(), candidate.second().code()).toString(),
                round(Math.min(1, Math.max(0, score))), evidence(candidate.relation,
                        nonBoilerplate(candidate.first().mentions()), nonBoilerplate(candidate.second().mentions())));
    }

    private static List<CountryMention> nonBoilerplate(List<CountryMention> mentions) {
        List<CountryMention> out = new ArrayList<>(mentions.size());
        for (CountryMention m : mentions) {
            if (!m.fieldText().boilerplate(m.sentence())) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * A country's mentions outside credits, bios and teasers (which relate nothing to the story), with the distinct
     * sentences and paragraphs they fall in, in order of first mention. A sentence is numbered by its field's place in
     * {@code fields} (FieldText by identity) and its index; a paragraph by {@link #paragraphKey}.
     */
    private static final class Places {
        final List<CountryMention> mentions = new ArrayList<>();
        final List<SentenceRef> sentenceRefs = new ArrayList<>();
        long[] sentences = new long[8];
        int sentenceCount;
        long[] paragraphs = new long[8];
        int paragraphCount;

        Places(List<CountryMention> all, List<FieldText> fields) {
            for (CountryMention m : all) {
                if (m.fieldText().boilerplate(m.sentence())) {
                    continue;
                }
                mentions.add(m);
                int fieldIndex = fields.indexOf(m.fieldText()); // FieldText has identity equality
                if (fieldIndex < 0) {
                    fieldIndex = fields.size();
                    fields.add(m.fieldText());
                }
                long sentence = (long) fieldIndex << 32 | m.sentence();
                if (!contains(sentences, sentenceCount, sentence)) {
                    sentences = add(sentences, sentenceCount++, sentence);
                    sentenceRefs.add(ref(m));
                }
                long paragraph = paragraphKey(m);
                if (!contains(paragraphs, paragraphCount, paragraph)) {
                    paragraphs = add(paragraphs, paragraphCount++, paragraph);
                }
            }
        }
    }

    private static boolean contains(long[] values, int count, long value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    private static long[] add(long[] values, int count, long value) {
        long[] out = count == values.length ? java.util.Arrays.copyOf(values, count * 2) : values;
        out[count] = value;
        return out;
    }

    static Relation relate(Places a, Places b) {
        Relation relation = new Relation();
        // sentences naming both, in the order of a's mentions; the paragraphs those sentences lie in
        long[] paragraphsWithSentence = new long[Math.max(1, a.sentenceCount)];
        int withSentence = 0;
        for (int s = 0; s < a.sentenceCount; s++) {
            if (contains(b.sentences, b.sentenceCount, a.sentences[s])) {
                relation.sentences++;
                SentenceRef ref = a.sentenceRefs.get(s);
                relation.evidence.add(ref);
                long paragraph = paragraphKey(ref);
                if (!contains(paragraphsWithSentence, withSentence, paragraph)) {
                    paragraphsWithSentence[withSentence++] = paragraph;
                }
            }
        }
        // paragraphs naming both, other than those already counted through a shared sentence
        for (int p = 0; p < a.paragraphCount; p++) {
            long paragraph = a.paragraphs[p];
            if (contains(b.paragraphs, b.paragraphCount, paragraph)
                    && !contains(paragraphsWithSentence, withSentence, paragraph)) {
                relation.paragraphs++;
            }
        }
        for (CountryMention ma : a.mentions) {
            for (CountryMention mb : b.mentions) {
                if (ma.fieldText() == mb.fieldText() && ma.sentence() == mb.sentence()) {
                    int gap = ma.firstToken() < mb.firstToken() ? mb.firstToken() - ma.lastToken() - 1
                            : ma.firstToken() - mb.lastToken() - 1;
                    relation.minGap = relation.minGap < 0 ? Math.max(0, gap) : Math.min(relation.minGap, Math.max(0, gap));
                    if (bilateral(ma, mb)) {
                        relation.constructions++;
                        relation.constructionEvidence.add(ref(ma));
                    }
                }
            }
        }
        return relation;
    }

    /** "US-Mexico", "U.S./Mexico", "Mexico and the United States", "between Mexico and the US", either order. */
    private static boolean bilateral(CountryMention a, CountryMention b) {
        CountryMention first = a.firstToken() < b.firstToken() ? a : b;
        CountryMention second = first == a ? b : a;
        FieldText field = first.fieldText();
        int gapTokens = second.firstToken() - first.lastToken() - 1;
        if (gapTokens == 0) {
            String gap = field.text().substring(first.end(), second.start()).strip();
            return gap.equals("-") || gap.equals("–") || gap.equals("—") || gap.equals("/");
        }
        if (gapTokens > 2) {
            return false;
        }
        String connector = field.tokens().get(first.lastToken() + 1).folded();
        boolean joined = AND.contains(connector)
                && (gapTokens == 1 || ARTICLES.contains(field.tokens().get(first.lastToken() + 2).folded()));
        if (!joined) {
            return false;
        }
        // "between A and B" is bilateral by itself; a bare "A and B" is when it is not part of a longer list.
        for (int t = first.firstToken() - 1; t >= Math.max(0, first.firstToken() - 3); t--) {
            if (field.sentenceOf(t) == first.sentence() && BETWEEN.contains(field.tokens().get(t).folded())) {
                return true;
            }
        }
        int before = first.firstToken() - 1;
        return before < 0 || field.sentenceOf(before) != first.sentence()
                || field.text().substring(field.tokens().get(before).end(), first.start()).indexOf(',') < 0;
    }

    private static List<Evidence> evidence(Relation relation, List<CountryMention> as, List<CountryMention> bs) {
        Set<SentenceRef> refs = new LinkedHashSet<>(relation.constructionEvidence);
        refs.addAll(relation.evidence);
        List<Evidence> out = new ArrayList<>();
        for (SentenceRef ref : refs) {
            if (out.size() == MAX_EVIDENCE) {
                break;
            }
            out.add(sentenceEvidence(ref));
        }
        if (out.isEmpty()) {
            // related only by paragraph: the sentence of each country's first mention in the first shared paragraph
            for (CountryMention a : as) {
                for (CountryMention b : bs) {
                    if (paragraphKey(a) == paragraphKey(b)) {
                        out.add(sentenceEvidence(ref(a)));
                        if (!ref(b).equals(ref(a))) {
                            out.add(sentenceEvidence(ref(b)));
                        }
                        return out;
                    }
                }
            }
            // related as the article's main subjects: the sentence of each one's first mention
            out.add(sentenceEvidence(ref(as.get(0))));
            if (!ref(bs.get(0)).equals(ref(as.get(0)))) {
                out.add(sentenceEvidence(ref(bs.get(0))));
            }
        }
        return out;
    }

    private static Evidence sentenceEvidence(SentenceRef ref) {
        FieldText field = ref.field();
        if (field.sentences().isEmpty()) {
            return new Evidence(field.field().wireName(), 0, field.text().length(), field.text());
        }
        Sentence s = field.sentences().get(ref.sentence());
        return new Evidence(field.field().wireName(), s.start(), s.end(), field.text().substring(s.start(), s.end()));
    }

    private static SentenceRef ref(CountryMention m) {
        return new SentenceRef(m.fieldText(), m.sentence());
    }

    /** The key that stands for the title, the summary and the lead paragraph of the body: one unit. */
    private static final long LEAD = -1;

    /**
     * The paragraph of a mention as a number: {@link #LEAD}, or the field and the paragraph's index (the title and the
     * lead paragraph of the body, or the summary, form one unit).
     */
    private static long paragraphKey(CountryMention m) {
        return paragraphKey(m.fieldText(), m.sentence());
    }

    private static long paragraphKey(SentenceRef ref) {
        return paragraphKey(ref.field(), ref.sentence());
    }

    private static long paragraphKey(FieldText field, int sentence) {
        int paragraph = field.sentences().isEmpty() ? 0 : field.sentences().get(sentence).paragraph();
        if (field.field() == Field.TITLE || field.field() == Field.SUMMARY || paragraph == 0) {
            return LEAD;
        }
        return (long) field.field().ordinal() << 32 | paragraph;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
