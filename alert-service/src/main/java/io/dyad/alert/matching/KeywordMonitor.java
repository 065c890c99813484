package io.dyad.alert.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;

/**
 * Lucene's monitor over the keyword queries of subscriptions that have nothing else to index them by (no pair,
 * country or issue): its presearcher indexes the queries' terms, so an article runs only the queries that share a
 * word with it. Long-lived and thread-safe; {@link #sync} applies the difference to the wanted set of queries, so a
 * refresh re-registers only what changed.
 */
public final class KeywordMonitor implements AutoCloseable {

    private final Monitor monitor;
    /** id → query text of what is registered now */
    private final Map<String, String> registered = new HashMap<>();

    public KeywordMonitor() {
        try {
            monitor = new Monitor(KeywordQueries.ANALYZER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the registered queries equal {@code wanted} (id → subscription); only changes are applied. */
    public synchronized void sync(Map<String, IndexedSubscription> wanted) {
        List<MonitorQuery> add = new ArrayList<>();
        for (Map.Entry<String, IndexedSubscription> e : wanted.entrySet()) {
            String text = e.getValue().filter().query();
            if (!text.equals(registered.get(e.getKey()))) {
                add.add(new MonitorQuery(e.getKey(), e.getValue().query()));
            }
        }
        List<String> remove = new ArrayList<>();
        for (String id : registered.keySet()) {
            if (!wanted.containsKey(id)) {
                remove.add(id);
            }
        }
        try {
            if (!remove.isEmpty()) {
                monitor.deleteById(remove);
            }
            if (!add.isEmpty()) {
                monitor.register(add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        remove.forEach(registered::remove);
        for (MonitorQuery q : add) {
            registered.put(q.getId(), wanted.get(q.getId()).filter().query());
        }
    }

    /** Ids of the registered queries that find {@code text}. */
    public Set<String> match(ArticleText text) {
        try {
            MatchingQueries<QueryMatch> matches = monitor.match(text.document(), QueryMatch.SIMPLE_MATCHER);
            Set<String> ids = new HashSet<>();
            for (QueryMatch m : matches.getMatches()) {
                ids.add(m.getQueryId());
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized int size() {
        return registered.size();
    }


    @Override
    public void close() {
        try {
            monitor.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
