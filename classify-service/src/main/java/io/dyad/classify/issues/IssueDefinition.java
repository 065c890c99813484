package io.dyad.classify.issues;

/** One of the 24 issue ids of DESIGN §4 with its IPTC Media Topic code and display names. */
public record IssueDefinition(String id, String iptc, String nameEn, String nameEs) {
}
