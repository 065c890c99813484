package io.dyad.classify.issues;

import io.dyad.classify.text.ResourceFiles;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The issue taxonomy resource taxonomy/issues-v1.tsv: stable ids, IPTC codes, names in English and Spanish. */
public final class IssueTaxonomy {

    public static final String VERSION = "v1";
    private static final Pattern IPTC = Pattern.compile("^medtop:[0-9]{8}$");

    private final Map<String, IssueDefinition> issues;
    /** The issues in file order, and each id's position there: detectors keep per-issue sums in arrays. */
    private final IssueDefinition[] byIndex;
    private final Map<String, Integer> indexOfId;

    private IssueTaxonomy(Map<String, IssueDefinition> issues) {
        this.issues = issues;
        this.byIndex = issues.values().toArray(IssueDefinition[]::new);
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < byIndex.length; i++) {
            index.put(byIndex[i].id(), i);
        }
        this.indexOfId = Map.copyOf(index);
    }

    /** Number of issues (24). */
    public int size() {
        return byIndex.length;
    }

    /** Position of issue {@code id} in the file, or -1. */
    public int index(String id) {
        Integer i = indexOfId.get(id);
        return i == null ? -1 : i;
    }

    public IssueDefinition get(int index) {
        return byIndex[index];
    }

    public static IssueTaxonomy load() {
        Map<String, IssueDefinition> issues = new LinkedHashMap<>();
        for (String[] row : ResourceFiles.readTsv("/taxonomy/issues-" + VERSION + ".tsv", "id")) {
            if (!IPTC.matcher(row[1]).matches()) {
                throw new IllegalStateException("issues-" + VERSION + ".tsv: bad IPTC code " + row[1] + " for " + row[0]);
            }
            issues.put(row[0], new IssueDefinition(row[0], row[1], row[2], row[3]));
        }
        if (issues.size() != 24) {
            throw new IllegalStateException("issues-" + VERSION + ".tsv must list the 24 issues of DESIGN §4, has "
                    + issues.size());
        }
        return new IssueTaxonomy(Collections.unmodifiableMap(issues));
    }

    public Collection<IssueDefinition> all() {
        return issues.values();
    }

    public IssueDefinition get(String id) {
        return issues.get(id);
    }

    public boolean contains(String id) {
        return issues.containsKey(id);
    }
}
