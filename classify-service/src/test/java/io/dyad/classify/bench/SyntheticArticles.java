package io.dyad.classify.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * English news articles of about 3 KB, generated from sentence templates we wrote, for the benchmarks: two or three
 * countries, their capitals, cities and demonyms, issue wording (trade, migration, energy, ...), numbers, quotes, a
 * dateline and a credit line, wrapped into paragraphs as wire copy is. Deterministic for a given seed.
 */
public final class SyntheticArticles {

    private static final String[][] COUNTRIES = {
        {"Mexico", "Mexican", "Mexico City", "Monterrey"},
        {"the United States", "American", "Washington", "Houston"},
        {"Canada", "Canadian", "Ottawa", "Toronto"},
        {"Brazil", "Brazilian", "Brasilia", "Sao Paulo"},
        {"Japan", "Japanese", "Tokyo", "Osaka"},
        {"Germany", "German", "Berlin", "Hamburg"},
        {"France", "French", "Paris", "Lyon"},
        {"India", "Indian", "New Delhi", "Mumbai"},
        {"China", "Chinese", "Beijing", "Shanghai"},
        {"Colombia", "Colombian", "Bogota", "Medellin"},
        {"Nigeria", "Nigerian", "Abuja", "Lagos"},
        {"Australia", "Australian", "Canberra", "Sydney"},
    };

    private static final String[] TOPICS = {
        "tariffs on steel and aluminium imports", "a surge of migrants and asylum seekers at the border",
        "oil and natural gas exports", "fentanyl trafficking by drug cartels", "a drought that hit wheat and corn farmers",
        "interest rates and the falling peso", "a wage dispute at car factories", "a new free trade agreement",
        "military exercises near disputed waters", "sanctions on state-owned banks", "water rights along the river",
        "an election campaign marked by corruption allegations",
    };

    private static final String[] SENTENCES = {
        "Officials from {A} and {B} met in {CA} on Tuesday to discuss {T}, according to people familiar with the talks.",
        "The {DA} foreign minister said the two governments had made progress but that differences remained over {T}.",
        "Analysts in {CITYB} said the dispute over {T} could weigh on growth for the rest of the year.",
        "Trade between the two countries reached {N} billion dollars last year, up {P} percent from a year earlier.",
        "\"We are ready to work with our {DB} partners, but we will defend our interests,\" a spokesman said.",
        "{B} has pressed {A} for months on {T}, and lawmakers in {CB} threatened further measures.",
        "Business groups in {CITYA} warned that {T} would hurt exporters and cost thousands of jobs.",
        "The central bank kept its benchmark rate at {P} percent, citing uncertainty over {T}.",
        "Talks are expected to resume next month in {CB}, where negotiators will also take up {T2}.",
        "Opposition leaders accused the government of moving too slowly on {T2} and demanded a parliamentary inquiry.",
        "Shares of companies in {CITYA} fell {P} percent after the announcement, while bond yields rose.",
        "A report by the {DC} statistics office showed that {T2} had eased somewhat in the third quarter.",
        "Diplomats said {C} was watching the negotiations closely because of its own stake in {T2}.",
        "The agreement, if approved, would take effect in January and be reviewed after {P} years.",
    };

    private SyntheticArticles() {
    }

    public record Article(String title, String text) {
    }

    /** {@code count} articles of about {@code targetBytes} characters of text each. */
    public static List<Article> generate(int count, int targetBytes, long seed) {
        Random random = new Random(seed);
        List<Article> out = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            String[] a = COUNTRIES[random.nextInt(COUNTRIES.length)];
            String[] b = pickOther(random, a, null);
            String[] c = pickOther(random, a, b);
            String topic = TOPICS[random.nextInt(TOPICS.length)];
            String topic2 = TOPICS[random.nextInt(TOPICS.length)];
            String title = capitalise(strip(a[0])) + " and " + strip(b[0]) + " clash over " + topic;
            StringBuilder text = new StringBuilder(targetBytes + 400);
            text.append(a[2].toUpperCase()).append(" (Dyad) - ");
            int sentencesInParagraph = 0;
            while (text.length() < targetBytes - 120) {
                String s = SENTENCES[random.nextInt(SENTENCES.length)]
                        .replace("{A}", strip(a[0])).replace("{B}", strip(b[0])).replace("{C}", strip(c[0]))
                        .replace("{DA}", a[1]).replace("{DB}", b[1]).replace("{DC}", c[1])
                        .replace("{CA}", a[2]).replace("{CB}", b[2]).replace("{CITYA}", a[3]).replace("{CITYB}", b[3])
                        .replace("{T}", topic).replace("{T2}", topic2)
                        .replace("{N}", Integer.toString(10 + random.nextInt(600)))
                        .replace("{P}", Integer.toString(1 + random.nextInt(12)));
                text.append(capitalise(s));
                if (++sentencesInParagraph == 3) {
                    text.append("\n\n");
                    sentencesInParagraph = 0;
                } else {
                    text.append(' ');
                }
            }
            text.append("\n\nReporting by Jane Doe in ").append(a[2]).append("; editing by John Roe.");
            out.add(new Article(title, text.toString()));
        }
        return out;
    }

    private static String[] pickOther(Random random, String[] a, String[] b) {
        while (true) {
            String[] c = COUNTRIES[random.nextInt(COUNTRIES.length)];
            if (c != a && c != b) {
                return c;
            }
        }
    }

    private static String strip(String name) {
        return name;
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
