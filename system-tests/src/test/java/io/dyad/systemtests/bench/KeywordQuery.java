package io.dyad.systemtests.bench;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A keyword query the benchmark subscribes with, as a tree: {@link #lucene()} writes it in the classic Lucene syntax
 * alert-service accepts ({@code AND}, {@code OR}, {@code NOT}, {@code "phrases"}, {@code title:} scopes,
 * {@code prefix*}), and {@link #matches} decides it over the {@link ArticleWords} the harness worked out itself, so
 * the alerts due are known without alert-service's matcher. A {@code field} of null searches title and text.
 */
sealed interface KeywordQuery {

    String lucene();

    boolean matches(ArticleWords article);

    /** A word (analysed: lower case, no accents). */
    record Term(String field, String word) implements KeywordQuery {
        public Term {
            word = ArticleWords.fold(word);
        }

        @Override
        public String lucene() {
            return scope(field) + word;
        }

        @Override
        public boolean matches(ArticleWords article) {
            return article.has(field, word);
        }
    }

    /** Words that start with {@code prefix} ({@code lithi*} finds lithium). */
    record Prefix(String field, String prefix) implements KeywordQuery {
        public Prefix {
            prefix = ArticleWords.fold(prefix);
        }

        @Override
        public String lucene() {
            return scope(field) + prefix + "*";
        }

        @Override
        public boolean matches(ArticleWords article) {
            return article.hasPrefix(field, prefix);
        }
    }

    /** The words next to each other, in this order, within the title or within the text. */
    record Phrase(String field, List<String> words) implements KeywordQuery {
        public Phrase {
            words = words.stream().map(ArticleWords::fold).toList();
        }

        @Override
        public String lucene() {
            return scope(field) + "\"" + String.join(" ", words) + "\"";
        }

        @Override
        public boolean matches(ArticleWords article) {
            return article.hasPhrase(field, words);
        }
    }

    /** All of {@code parts} ({@code all}, written with AND) or any of them (OR). */
    record Group(boolean all, List<KeywordQuery> parts) implements KeywordQuery {
        @Override
        public String lucene() {
            return parts.stream().map(KeywordQuery::lucene).collect(Collectors.joining(all ? " AND " : " OR ", "(", ")"));
        }

        @Override
        public boolean matches(ArticleWords article) {
            return all ? parts.stream().allMatch(q -> q.matches(article)) : parts.stream().anyMatch(q -> q.matches(article));
        }
    }

    static KeywordQuery and(KeywordQuery... parts) {
        return new Group(true, List.of(parts));
    }

    static KeywordQuery or(KeywordQuery... parts) {
        return new Group(false, List.of(parts));
    }

    /** {@code positive} and not {@code negative}. */
    record Not(KeywordQuery positive, KeywordQuery negative) implements KeywordQuery {
        @Override
        public String lucene() {
            return "(" + positive.lucene() + " NOT " + negative.lucene() + ")";
        }

        @Override
        public boolean matches(ArticleWords article) {
            return positive.matches(article) && !negative.matches(article);
        }
    }

    private static String scope(String field) {
        return field == null ? "" : field + ":";
    }
}
