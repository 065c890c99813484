package io.dyad.ingest.extract;

import org.jsoup.nodes.Element;

/**
 * One text-bearing piece of a page, cut at block-level element boundaries (a paragraph, a list item, a heading, a
 * caption): what the learned classifier keeps or drops. Facts gathered while walking the page; the features are
 * derived from them in {@link BlockFeatures}.
 */
final class Block {

    /** Whitespace-normalised text. */
    final String text;
    /** The innermost block-level element holding the text: its position in the tree relative to the main container. */
    final Element owner;
    /** Non-whitespace characters of the text, and of those inside links. */
    final int chars;
    final int linkChars;
    /** Tags of the ancestors (bits of {@link BlockSegmenter}'s ancestor tags) and class/id cue words on them. */
    final int ancestorTags;
    final int cues;
    /** Visible characters of the page before this block. */
    final int charOffset;

    /** Set from the rule-based extractor's answer (see {@link BlockFeatures}). */
    boolean ruleKept;
    double probability;

    Block(String text, Element owner, int chars, int linkChars, int ancestorTags, int cues, int charOffset) {
        this.text = text;
        this.owner = owner;
        this.chars = chars;
        this.linkChars = linkChars;
        this.ancestorTags = ancestorTags;
        this.cues = cues;
        this.charOffset = charOffset;
    }

    double linkDensity() {
        return chars == 0 ? 0 : Math.min(1.0, (double) linkChars / chars);
    }

    boolean hasTag(int bit) {
        return (ancestorTags & bit) != 0;
    }

    boolean hasCue(int bit) {
        return (cues & bit) != 0;
    }
}
