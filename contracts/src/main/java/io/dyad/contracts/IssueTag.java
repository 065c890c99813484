package io.dyad.contracts;

import java.util.List;

/** One of the 24 issue ids with its IPTC Media Topic code. */
public record IssueTag(String id, String iptc, double score, List<Evidence> evidence) {
}
