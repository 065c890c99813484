package io.dyad.classify.decision;

import io.dyad.classify.gazetteer.CountryMention;
import io.dyad.classify.gazetteer.ScoredCountry;
import io.dyad.classify.pairs.MentionLists;
import io.dyad.classify.text.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The features of each candidate country of an article for the learned country decision (is it a tag?). All are
 * language-independent: salience and rank, mentions by kind, where the country is named (title, lead, how early in the
 * body), how much of it is credits/bios or lists, and how many countries the article names. The order of
 * {@link #NAMES} is the order of the weights file; tools/train_decisions.py reads the same names.
 */
public final class CountryFeatures {

    public static final List<String> NAMES = List.of("salience", "share_of_top", "is_top", "log_rank",
            "log_mentions", "log_names", "log_capitals", "log_demonyms", "log_places", "in_title", "in_lead",
            "first_body_position", "boilerplate_only", "listed_share", "log_countries", "log_sentences",
            "places_only", "log_abbreviations", "log_body_sentences", "coverage", "sentence_initial_share",
            "log_sentences_with_top", "first_in_title");

    private CountryFeatures() {
    }

    /** One row per candidate, in the candidates' order (falling salience). */
    public static double[][] of(List<ScoredCountry> candidates, MentionLists lists) {
        double[][] rows = new double[candidates.size()][];
        if (candidates.isEmpty()) {
            return rows;
        }
        double top = Math.max(1e-9, candidates.get(0).score());
        Set<Long> topSentences = sentences(candidates.get(0));
        String firstInTitle = firstInTitle(candidates);
        int[] sentenceCounts = sentenceCounts(candidates);
        for (int i = 0; i < candidates.size(); i++) {
            rows[i] = row(candidates.get(i), i, top, candidates.size(), lists, topSentences, firstInTitle,
                    sentenceCounts);
        }
        return rows;
    }

    /** The non-boilerplate sentences naming the country, as field ordinal &lt;&lt; 32 | sentence index. */
    private static Set<Long> sentences(ScoredCountry c) {
        Set<Long> out = new HashSet<>();
        for (CountryMention m : c.mentions()) {
            if (!m.fieldText().boilerplate(m.sentence())) {
                out.add((long) m.field().ordinal() << 32 | m.sentence());
            }
        }
        return out;
    }

    /** The code of the country the title names first, or null. */
    private static String firstInTitle(List<ScoredCountry> candidates) {
        String code = null;
        int first = Integer.MAX_VALUE;
        for (ScoredCountry c : candidates) {
            for (CountryMention m : c.mentions()) {
                if (m.field() == Field.TITLE && m.start() < first) {
                    first = m.start();
                    code = c.code();
                }
            }
        }
        return code;
    }

    /** Sentences of the article's text field, and of all its fields (at least 1 each). */
    private static int[] sentenceCounts(List<ScoredCountry> candidates) {
        java.util.Map<Field, Integer> byField = new java.util.EnumMap<>(Field.class);
        for (ScoredCountry c : candidates) {
            for (CountryMention m : c.mentions()) {
                byField.put(m.field(), Math.max(1, m.fieldText().sentences().size()));
            }
        }
        int all = byField.values().stream().mapToInt(Integer::intValue).sum();
        return new int[] {Math.max(1, byField.getOrDefault(Field.TEXT, 0)), Math.max(1, all)};
    }

    private static double[] row(ScoredCountry c, int rank, double top, int countries, MentionLists lists,
            Set<Long> topSentences, String firstInTitle, int[] sentenceCounts) {
        int mentions = 0;
        int names = 0;
        int abbreviations = 0;
        int initial = 0;
        int capitals = 0;
        int demonyms = 0;
        int places = 0;
        int listed = 0;
        boolean title = false;
        boolean lead = false;
        double firstBody = 1.0;
        Set<Long> sentences = new HashSet<>();
        for (CountryMention m : c.mentions()) {
            if (m.fieldText().boilerplate(m.sentence())) {
                continue;
            }
            mentions++;
            switch (m.kind()) {
                case NAME -> names++;
                case ABBREV -> abbreviations++;
                case CAPITAL, METONYM -> capitals++;
                case DEMONYM -> demonyms++;
                default -> places++;
            }
            if (startsSentence(m)) {
                initial++;
            }
            if (lists.listed(m)) {
                listed++;
            }
            sentences.add((long) m.field().ordinal() << 32 | m.sentence());
            if (m.field() == Field.TITLE) {
                title = true;
            } else if (m.field() == Field.SUMMARY || m.sentence() <= 1 || m.paragraph() == 0 && m.sentence() <= 2) {
                lead = true;
            }
            if (m.field() == Field.TEXT) {
                firstBody = Math.min(firstBody, m.start() / (double) Math.max(1, m.fieldText().text().length()));
            }
        }
        return new double[] {
            c.score(),
            c.score() / top,
            rank == 0 ? 1 : 0,
            Math.log1p(rank),
            Math.log1p(mentions),
            Math.log1p(names),
            Math.log1p(capitals),
            Math.log1p(demonyms),
            Math.log1p(places),
            title ? 1 : 0,
            lead ? 1 : 0,
            firstBody,
            mentions == 0 ? 1 : 0,
            mentions == 0 ? 0 : listed / (double) mentions,
            Math.log(countries),
            Math.log1p(sentences.size()),
            mentions > 0 && names + abbreviations + capitals + demonyms == 0 ? 1 : 0,
            Math.log1p(abbreviations),
            Math.log(sentenceCounts[0]),
            sentences.size() / (double) sentenceCounts[1],
            mentions == 0 ? 0 : initial / (double) mentions,
            rank == 0 ? 0 : Math.log1p(shared(sentences, topSentences)),
            c.code().equals(firstInTitle) ? 1 : 0,
        };
    }

    private static int shared(Set<Long> a, Set<Long> b) {
        int n = 0;
        for (Long s : a) {
            if (b.contains(s)) {
                n++;
            }
        }
        return n;
    }

    /** The mention opens its sentence, or follows one word there ("The U.S. ...", "Japanese officials ..."). */
    private static boolean startsSentence(CountryMention m) {
        int t = m.firstToken();
        return t == 0 || m.fieldText().sentenceOf(t - 1) != m.sentence()
                || t == 1 || m.fieldText().sentenceOf(t - 2) != m.sentence();
    }
}
