package io.dyad.ingest.testing;

/**
 * Synthetic news texts written for the near-duplicate tests: one wire story, copies of it as other sites run it
 * (new headline, dateline, reworded sentences, a paragraph cut or added), and different stories on the same topic
 * with the same names and vocabulary, which must stay separate stories.
 */
public final class StoryTexts {

    private StoryTexts() {
    }

    /**
     * The text with {@code tag} glued to every word: copies tagged alike stay as similar as before, while texts of
     * other tests and earlier runs share no shingle with them.
     */
    public static String tagged(String text, String tag) {
        return text.replaceAll("(\\p{L}+)", "$1" + tag);
    }

    public static final String WIRE_TITLE = "Mexico and United States agree to reopen Santa Elena border crossing";

    public static final String WIRE = """
            Mexico and the United States agreed on Tuesday to reopen the Santa Elena border crossing to cargo trucks \
            next month, ending a closure that had stranded hundreds of drivers and cost exporters millions of dollars \
            a day.

            The agreement was announced after two days of talks in Monterrey between the Mexican economy minister, \
            Laura Cantera, and the United States trade representative, Daniel Whitford. Both officials said \
            inspections would move to a new joint customs yard built on the Mexican side of the river.

            "This is a practical solution that keeps trade moving and keeps the border secure," Cantera told \
            reporters after the meeting. Whitford said the joint yard would cut waiting times from three days to \
            under six hours once it is fully staffed.

            The crossing was closed in January after inspectors found a tunnel running beneath the old customs \
            warehouse. Business groups in Nuevo Leon and Texas had warned that the closure was pushing freight to \
            crossings that were already congested, raising costs for car makers and farmers on both sides.

            Under the deal, trucks will be scanned by both customs services at the same time, and drivers will be \
            able to register their loads online up to a week in advance. The two governments will review the \
            arrangement after six months.

            Farm groups welcomed the news but said they would wait to see whether the promised staff arrive. \
            "We have heard many announcements before," said Rosa Elizondo, who heads a growers' association in \
            the state of Tamaulipas.""";

    /** The same wire story as a second site runs it: new headline and dateline, last paragraph cut, light edits. */
    public static final String COPY_EDITED_TITLE = "Border crossing at Santa Elena to reopen for trucks, officials say";

    public static final String COPY_EDITED = """
            MONTERREY (Wire) - Mexico and the United States agreed on Tuesday to reopen the Santa Elena border \
            crossing to cargo trucks next month, ending a closure that had stranded hundreds of drivers and cost \
            exporters millions of dollars each day.

            The agreement was announced after two days of talks in Monterrey between Mexican economy minister \
            Laura Cantera and U.S. trade representative Daniel Whitford. Both officials said inspections would move \
            to a new joint customs yard built on the Mexican side of the river.

            "This is a practical solution that keeps trade moving and keeps the border secure," Cantera told \
            reporters after the meeting. Whitford said the joint yard would cut waiting times from three days to \
            less than six hours once it is fully staffed.

            The crossing was shut in January after inspectors discovered a tunnel running beneath the old customs \
            warehouse. Business groups in Nuevo Leon and Texas had warned that the closure was pushing freight to \
            crossings that were already congested, raising costs for car makers and farmers on both sides.

            Under the deal, trucks will be scanned by both customs services at the same time, and drivers will be \
            able to register their loads online up to a week in advance.""";

    /** A third site: a local paragraph added at the top, some sentences reworded, British spelling. */
    public static final String COPY_LOCALISED_TITLE = "Santa Elena crossing: what the reopening means for Laredo";

    public static final String COPY_LOCALISED = """
            Truck drivers waiting in Laredo got good news on Tuesday.

            Mexico and the United States agreed on Tuesday to reopen the Santa Elena border crossing to cargo trucks \
            next month, ending a closure that had stranded hundreds of drivers and cost exporters millions of dollars \
            a day.

            The agreement was announced after two days of talks in Monterrey between the Mexican economy minister, \
            Laura Cantera, and the United States trade representative, Daniel Whitford. Both officials said \
            inspections would move to a new joint customs yard built on the Mexican side of the river.

            "This is a practical solution that keeps trade moving and keeps the border secure," Cantera told \
            reporters. Whitford said the shared yard would cut waiting times from three days to under six hours \
            once it is fully staffed.

            The crossing was closed in January after inspectors found a tunnel running beneath the old customs \
            warehouse. Business groups in Nuevo Leon and Texas had warned that the closure was pushing freight to \
            crossings that were already congested, raising costs for car makers and farmers on both sides of the \
            border.

            Under the deal, lorries will be scanned by both customs services at the same time, and drivers will be \
            able to register their loads online up to a week in advance. The two governments will review the \
            arrangement after six months.

            Farm groups welcomed the news but said they would wait to see whether the promised staff arrive. \
            "We have heard many announcements before," said Rosa Elizondo, who heads a growers' association in \
            Tamaulipas.""";

    /** Same topic, same people and places, a different story. */
    public static final String SAME_TOPIC_TITLE = "Truckers still wait at Santa Elena as reopening date slips";

    public static final String SAME_TOPIC = """
            Hundreds of cargo trucks were still lined up on Friday near the Santa Elena border crossing between \
            Mexico and the United States, a week after officials promised that it would reopen next month.

            Drivers interviewed on the highway outside Nuevo Laredo said they had received no instructions about the \
            new joint customs yard, and several said they had started driving to other crossings despite the \
            congestion there.

            Mexico's economy ministry said on Thursday that staff for the yard were still being trained and that \
            the opening could move to the end of the quarter. A spokesperson for the United States trade \
            representative, Daniel Whitford, declined to give a date.

            Laura Cantera, the Mexican economy minister, is expected to visit Tamaulipas next week to meet exporters \
            and farm groups, who say the delay is costing them sales in Texas. Car makers in Nuevo Leon have moved \
            part of their freight to rail.

            Customs officers on both sides of the river said the tunnel found in January had been sealed with \
            concrete, and that inspections of the old warehouse had ended.""";

    /** Same topic again: an opinion piece on border trade, written independently. */
    public static final String SAME_TOPIC_2_TITLE = "Opinion: the border cannot run on announcements";

    public static final String SAME_TOPIC_2 = """
            Every few months, ministers from Mexico and the United States meet, shake hands and announce that trade \
            across the border will flow more freely. The Santa Elena agreement is the latest of these promises.

            Exporters have learned to be patient. A joint customs yard sounds sensible, and scanning trucks once \
            instead of twice would save time for drivers and money for farmers and car makers in Texas, Nuevo Leon \
            and Tamaulipas.

            But yards need staff, scanners need maintenance and online registration systems need to work on the \
            first day. None of that has been funded in either country's budget for this year.

            If the two governments want the crossing to matter, they should publish waiting times every day and let \
            business groups check whether the six-hour target is met. Otherwise the next closure will find the \
            border exactly as unprepared as the last one.""";
}
