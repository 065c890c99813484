package io.dyad.alert.matching;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The matches of one article as the index found them: the matched ordinals (of the base index, then of its delta of
 * recent changes, if any), and each {@link Match} built (with its sorted pairs, countries and issues, by
 * {@link SubscriptionIndex#evaluate}'s own rule) when it is read. Building thousands of matches nobody reads would
 * cost more than finding them. Immutable; reading an element twice builds two equal matches.
 */
final class MatchList extends AbstractList<Match> implements RandomAccess {

    private static final int[] NONE = new int[0];

    private final IndexedSubscription[] subscriptions;
    private final int[] ordinals;
    private final IndexedSubscription[] deltaSubscriptions;
    private final int[] deltaOrdinals;
    private final ArticleTags article;

    MatchList(IndexedSubscription[] subscriptions, int[] ordinals, ArticleTags article) {
        this(subscriptions, ordinals, null, NONE, article);
    }

    MatchList(IndexedSubscription[] subscriptions, int[] ordinals, IndexedSubscription[] deltaSubscriptions,
            int[] deltaOrdinals, ArticleTags article) {
        this.subscriptions = subscriptions;
        this.ordinals = ordinals;
        this.deltaSubscriptions = deltaSubscriptions;
        this.deltaOrdinals = deltaOrdinals;
        this.article = article;
    }

    @Override
    public Match get(int index) {
        IndexedSubscription s = index < ordinals.length ? subscriptions[ordinals[index]]
                : deltaSubscriptions[deltaOrdinals[index - ordinals.length]];
        // the index already decided (query included); this only gathers the why
        Match m = SubscriptionIndex.evaluate(s, article, false);
        if (m == null) {
            throw new IllegalStateException("index and filter disagree on subscription " + s.id());
        }
        return m;
    }

    @Override
    public int size() {
        return ordinals.length + deltaOrdinals.length;
    }
}
