package io.dyad.alert.matching;

import java.util.List;
import java.util.Set;

/** The 24 stable issue ids of DESIGN §4 (the same enum as the TaggedArticle schema). */
public final class IssueIds {

    public static final List<String> ALL = List.of("trade", "migration", "border", "drug_trafficking",
            "organized_crime", "arms", "terrorism", "defense", "armed_conflict", "diplomacy", "sanctions",
            "foreign_aid", "energy", "environment", "water", "agriculture", "finance", "economy", "labor",
            "human_rights", "justice", "health", "elections", "corruption");

    private static final Set<String> SET = Set.copyOf(ALL);

    private IssueIds() {
    }

    public static boolean isKnown(String id) {
        return id != null && SET.contains(id);
    }
}
