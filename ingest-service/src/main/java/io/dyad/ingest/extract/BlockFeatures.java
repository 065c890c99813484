package io.dyad.ingest.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * The classifier's view of each block: its own text statistics (length, words, punctuation, link density), its tag
 * and its ancestors' tags and generic class/id words, its position in the page, where it sits relative to the
 * container the rule-based scorer chose and whether the rules kept it, whether the page's JSON-LD body contains it,
 * and the same few facts about its neighbours. Names are fixed ({@link #NAMES}); the model file must list the same.
 */
final class BlockFeatures {

    private static final String[] OWNER_TAGS = {"p", "div", "li", "table", "h", "h1", "blockquote", "pre", "other"};
    private static final String[] TAG_NAMES = {"nav", "header", "footer", "aside", "figure", "form", "list",
        "table", "article", "main", "hidden", "blockquote", "link", "address"};
    private static final String[] NEIGHBOUR = {"ruleKept", "inChosen", "removed", "logChars", "linkDensity",
        "endsSentence"};

    static final List<String> NAMES;
    private static final int BASE;
    private static final int PROSE;

    static {
        List<String> n = new ArrayList<>(List.of("logChars", "logWords", "linkDensity", "endsSentence",
                "sentenceMarks", "commas", "digitShare", "startsUpper", "allLink"));
        for (String t : OWNER_TAGS) {
            n.add("tag." + t);
        }
        for (String t : TAG_NAMES) {
            n.add("in." + t);
        }
        for (String c : BlockSegmenter.CUE_NAMES) {
            n.add("cue." + c);
        }
        n.addAll(List.of("relIndex", "relOffset", "ruleKept", "removed", "inChosen", "inTop", "depthBelowTop",
                "treeDistance", "hasJsonLd", "inJsonLd", "repeatsTitle", "furniture", "ruleKept*logChars",
                "ruleKept*linkDensity", "inChosen*endsSentence", "endsEllipsis", "beforeKept", "afterKept",
                "blocksToKept", "parentHasKept", "grandparentHasKept", "sameClassSiblings", "parentKeptShare"));
        BASE = n.size();
        for (String side : new String[] {"prev", "next"}) {
            for (String f : NEIGHBOUR) {
                n.add(side + "." + f);
            }
        }
        n.addAll(List.of("window.ruleKept", "window.removed", "window.inChosen"));
        PROSE = n.size();
        n.addAll(List.of("stopDensity", "logStops", "jt.initial", "jt.good", "prev.stopDensity",
                "next.stopDensity"));
        NAMES = Collections.unmodifiableList(n);
    }

    private BlockFeatures() {
    }

    /**
     * One feature row per block.
     *
     * @param body the page's body (after the rules ran: elements they removed no longer reach it)
     * @param rules what the rule-based extractor chose
     * @param ruleText its final text (after edge trimming): the blocks it kept
     * @param jsonLdText the JSON-LD article body as normalised plain text, or null
     * @param title the page's title, or null
     */
    static double[][] of(List<Block> blocks, Element body, MainText.Result rules, String ruleText, String jsonLdText,
            String title) {
        Set<String> kept = new HashSet<>(List.of(ruleText.split("\n\n")));
        Map<Element, Integer> topAncestors = new IdentityHashMap<>();
        int d = 0;
        for (Element e = rules.top(); e != null; e = e.parent()) {
            topAncestors.put(e, d++);
        }
        Set<Element> chosen = Collections.newSetFromMap(new IdentityHashMap<>());
        chosen.addAll(rules.chosen());
        String heading = EdgeTrimmer.words(title);
        int n = blocks.size();
        double totalChars = n == 0 ? 1 : Math.max(1, blocks.get(n - 1).charOffset + blocks.get(n - 1).chars);
        double[][] rows = new double[n][NAMES.size()];
        for (int i = 0; i < n; i++) {
            Block b = blocks.get(i);
            double[] x = rows[i];
            int k = 0;
            int words = words(b.text);
            double logChars = Math.log1p(b.chars);
            double density = b.linkDensity();
            boolean endsSentence = endsSentence(b.text);
            x[k++] = logChars;
            x[k++] = Math.log1p(words);
            x[k++] = density;
            x[k++] = endsSentence ? 1 : 0;
            x[k++] = Math.min(1, count(b.text, ".!?。") / (double) Math.max(1, words));
            x[k++] = Math.min(1, count(b.text, ",，、،") / (double) Math.max(1, words));
            x[k++] = digitShare(b.text);
            x[k++] = startsUpper(b.text) ? 1 : 0;
            x[k++] = density >= 0.9 ? 1 : 0;
            x[k + ownerTag(b.owner)] = 1;
            k += OWNER_TAGS.length;
            for (int t = 0; t < BlockSegmenter.TAG_COUNT; t++) {
                x[k++] = b.hasTag(1 << t) ? 1 : 0;
            }
            for (int c = 0; c < BlockSegmenter.CUE_NAMES.length; c++) {
                x[k++] = b.hasCue(1 << c) ? 1 : 0;
            }
            x[k++] = n <= 1 ? 0 : (double) i / (n - 1);
            x[k++] = b.charOffset / totalChars;
            // where the block is now: under the body still, or removed by the rules' clean-up
            int up = 0;
            boolean inChosen = false;
            Element e = b.owner;
            Integer topDepth = null;
            Element root = e;
            for (; e != null; e = e.parent(), up++) {
                inChosen |= chosen.contains(e);
                if (topDepth == null) {
                    topDepth = topAncestors.get(e);
                    if (topDepth != null && topDepth == 0) {
                        x[k + 3] = 1; // inTop
                        x[k + 4] = Math.min(1, up / 10.0);
                    }
                    if (topDepth != null) {
                        x[k + 5] = Math.min(1, (up + topDepth) / 10.0);
                    }
                }
                root = e;
            }
            boolean removed = root != body && root != body.ownerDocument();
            b.ruleKept = kept.contains(b.text);
            x[k] = b.ruleKept ? 1 : 0;
            x[k + 1] = removed ? 1 : 0;
            x[k + 2] = inChosen ? 1 : 0;
            if (topDepth == null) {
                x[k + 5] = 1;
            }
            k += 6;
            x[k++] = jsonLdText == null ? 0 : 1;
            x[k++] = jsonLdText != null && b.text.length() >= 10 && jsonLdText.contains(b.text) ? 1 : 0;
            // both only ever hold for short blocks: the regular expressions run only on those
            boolean short_ = b.text.length() <= 2 * heading.length() + 20;
            x[k++] = short_ && !heading.isEmpty() && EdgeTrimmer.repeatsTitle(b.text, heading) ? 1 : 0;
            x[k++] = b.text.length() < 120 && (EdgeTrimmer.isFurniture(b.text)
                    || MainText.FURNITURE.matcher(b.text).matches()) ? 1 : 0;
            x[k++] = b.ruleKept ? logChars : 0;
            x[k++] = b.ruleKept ? density : 0;
            x[k++] = inChosen && endsSentence ? 1 : 0;
        }
        addContext(blocks, rows);
        addNeighbours(rows);
        addProse(blocks, rows);
        return rows;
    }

    // jusText's classes, in the order of their value as a feature
    private static final int BAD = 0;
    private static final int SHORT = 1;
    private static final int NEAR_GOOD = 2;
    private static final int GOOD = 3;

    /**
     * jusText's signals, with no regard to the rules: the share of a block's words that are function words of the
     * page's language (the language whose list the page's text hits most), and its classification — bad when
     * link-heavy or a copyright line, short under 70 characters, good or near-good by that share — after its
     * context pass (short and near-good blocks take the class of their nearest good/bad neighbours).
     */
    private static void addProse(List<Block> blocks, double[][] rows) {
        int n = blocks.size();
        FunctionWords words = FunctionWords.shipped();
        int languages = words.languages.size();
        int[][] counts = new int[n][languages + 1];
        long[] page = new long[languages];
        for (int i = 0; i < n; i++) {
            words.count(blocks.get(i).text, counts[i]);
            for (int l = 0; l < languages; l++) {
                page[l] += counts[i][l];
            }
        }
        int language = 0;
        for (int l = 1; l < languages; l++) {
            language = page[l] > page[language] ? l : language;
        }
        double[] density = new double[n];
        int[] initial = new int[n];
        for (int i = 0; i < n; i++) {
            Block b = blocks.get(i);
            int total = counts[i][languages];
            density[i] = total == 0 ? 0 : (double) counts[i][language] / total;
            int length = b.text.length();
            if (b.linkDensity() > 0.2 || b.text.indexOf('©') >= 0) {
                initial[i] = BAD;
            } else if (length < 70) {
                initial[i] = b.linkChars > 0 ? BAD : SHORT;
            } else if (density[i] >= 0.32) {
                initial[i] = length > 200 ? GOOD : NEAR_GOOD;
            } else {
                initial[i] = density[i] >= 0.30 ? NEAR_GOOD : BAD;
            }
        }
        int[] fin = initial.clone();
        for (int i = 0; i < n; i++) {
            if (initial[i] == SHORT) {
                int prev = neighbour(initial, i, -1, true);
                int next = neighbour(initial, i, 1, true);
                if (prev == next) {
                    fin[i] = prev;
                } else {
                    boolean nearGood = neighbour(initial, i, -1, false) == NEAR_GOOD
                            || neighbour(initial, i, 1, false) == NEAR_GOOD;
                    fin[i] = nearGood ? GOOD : BAD;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (initial[i] == NEAR_GOOD) {
                boolean bothBad = neighbour(fin, i, -1, true) == BAD && neighbour(fin, i, 1, true) == BAD;
                fin[i] = bothBad ? BAD : GOOD;
            }
        }
        for (int i = 0; i < n; i++) {
            double[] x = rows[i];
            int k = PROSE;
            x[k++] = density[i];
            x[k++] = Math.log1p(counts[i][language]);
            x[k++] = initial[i];
            x[k++] = fin[i] == GOOD ? 1 : 0;
            x[k++] = i > 0 ? density[i - 1] : 0;
            x[k] = i + 1 < n ? density[i + 1] : 0;
        }
    }

    /** Class of the nearest block in direction {@code step} that is not short (nor near-good, if so asked); bad past the ends. */
    private static int neighbour(int[] classes, int i, int step, boolean skipNearGood) {
        for (int j = i + step; j >= 0 && j < classes.length; j += step) {
            int c = classes[j];
            if (c != SHORT && !(skipNearGood && c == NEAR_GOOD)) {
                return c;
            }
        }
        return BAD;
    }

    /**
     * Where each block sits relative to what the rules kept: before their first kept block, after their last, how
     * many blocks from the nearest kept one, and whether its parent or grandparent also holds a kept block (the
     * article's paragraphs share a container; teasers and comments sit in others).
     */
    private static void addContext(List<Block> blocks, double[][] rows) {
        int n = blocks.size();
        int first = -1;
        int last = -1;
        Set<Element> parents = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Element> grandparents = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < n; i++) {
            Block b = blocks.get(i);
            if (b.ruleKept) {
                first = first < 0 ? i : first;
                last = i;
                Element p = b.owner.parent();
                if (p != null) {
                    parents.add(p);
                    if (p.parent() != null) {
                        grandparents.add(p.parent());
                    }
                }
            }
        }
        Map<Element, int[]> byParent = new IdentityHashMap<>(); // blocks, rule-kept blocks
        for (Block b : blocks) {
            Element p = b.owner.parent();
            if (p != null) {
                int[] c = byParent.computeIfAbsent(p, k -> new int[2]);
                c[0]++;
                c[1] += b.ruleKept ? 1 : 0;
            }
        }
        Map<Element, Map<String, Integer>> signatures = new IdentityHashMap<>();
        int[] distance = new int[n];
        int previous = -1_000_000;
        for (int i = 0; i < n; i++) {
            previous = blocks.get(i).ruleKept ? i : previous;
            distance[i] = i - previous;
        }
        int following = 2_000_000;
        for (int i = n - 1; i >= 0; i--) {
            following = blocks.get(i).ruleKept ? i : following;
            distance[i] = Math.min(distance[i], following - i);
        }
        for (int i = 0; i < n; i++) {
            double[] x = rows[i];
            Element p = blocks.get(i).owner.parent();
            x[ENDS_ELLIPSIS] = endsEllipsis(blocks.get(i).text) ? 1 : 0;
            x[ENDS_ELLIPSIS + 1] = first >= 0 && i < first ? 1 : 0;
            x[ENDS_ELLIPSIS + 2] = last >= 0 && i > last ? 1 : 0;
            x[ENDS_ELLIPSIS + 3] = first < 0 ? 5 : Math.log1p(distance[i]);
            x[ENDS_ELLIPSIS + 4] = p != null && parents.contains(p) ? 1 : 0;
            x[ENDS_ELLIPSIS + 5] = p != null && p.parent() != null && grandparents.contains(p.parent()) ? 1 : 0;
            if (p != null) {
                // items of a repeated structure (teaser lists, comment threads) share a tag and class with siblings
                Map<String, Integer> counts = signatures.computeIfAbsent(p, BlockFeatures::childSignatures);
                Element owner = blocks.get(i).owner;
                x[ENDS_ELLIPSIS + 6] = Math.log1p(counts.getOrDefault(signature(owner), 1) - 1);
                int[] c = byParent.get(p);
                x[ENDS_ELLIPSIS + 7] = (double) c[1] / c[0];
            }
        }
    }

    private static final int ENDS_ELLIPSIS = NAMES.indexOf("endsEllipsis");

    private static Map<String, Integer> childSignatures(Element parent) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (Element child : parent.children()) {
            counts.merge(signature(child), 1, Integer::sum);
        }
        return counts;
    }

    private static String signature(Element e) {
        return e.normalName() + "." + e.className();
    }

    private static boolean endsEllipsis(String text) {
        return text.endsWith("...") || text.endsWith("…") || text.endsWith("..");
    }

    private static final int[] NEIGHBOUR_COLS = new int[NEIGHBOUR.length];

    static {
        for (int j = 0; j < NEIGHBOUR.length; j++) {
            NEIGHBOUR_COLS[j] = NAMES.indexOf(NEIGHBOUR[j]);
        }
    }

    private static void addNeighbours(double[][] rows) {
        int n = rows.length;
        int ruleKept = col("ruleKept");
        int removed = col("removed");
        int inChosen = col("inChosen");
        int window = col("window.ruleKept");
        for (int i = 0; i < n; i++) {
            double[] x = rows[i];
            int k = BASE;
            for (int side : new int[] {i - 1, i + 1}) {
                for (int c : NEIGHBOUR_COLS) {
                    x[k++] = side >= 0 && side < n ? rows[side][c] : 0;
                }
            }
            double kept = 0;
            double gone = 0;
            double in = 0;
            int seen = 0;
            for (int j = Math.max(0, i - 3); j <= Math.min(n - 1, i + 3); j++) {
                if (j != i) {
                    kept += rows[j][ruleKept];
                    gone += rows[j][removed];
                    in += rows[j][inChosen];
                    seen++;
                }
            }
            x[window] = seen == 0 ? 0 : kept / seen;
            x[window + 1] = seen == 0 ? 0 : gone / seen;
            x[window + 2] = seen == 0 ? 0 : in / seen;
        }
    }

    static int col(String name) {
        int i = NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(name);
        }
        return i;
    }

    private static int ownerTag(Element owner) {
        String tag = owner.normalName();
        return switch (tag) {
            case "p" -> 0;
            case "div" -> 1;
            case "li" -> 2;
            case "table" -> 3;
            case "h2", "h3", "h4", "h5", "h6" -> 4;
            case "h1" -> 5;
            case "blockquote" -> 6;
            case "pre" -> 7;
            default -> 8;
        };
    }

    private static int words(String text) {
        int n = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean w = Character.isLetterOrDigit(text.charAt(i));
            if (w && !inWord) {
                n++;
            }
            inWord = w;
        }
        return n;
    }

    private static boolean endsSentence(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char c = text.charAt(text.length() - 1);
        return ".!?\"”’»…)。:".indexOf(c) >= 0;
    }

    private static int count(String text, String chars) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                n++;
            }
        }
        return n;
    }

    private static double digitShare(String text) {
        int digits = 0;
        int visible = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ') {
                visible++;
                if (Character.isDigit(c)) {
                    digits++;
                }
            }
        }
        return visible == 0 ? 0 : (double) digits / visible;
    }

    private static boolean startsUpper(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                return Character.isUpperCase(c);
            }
        }
        return false;
    }
}
