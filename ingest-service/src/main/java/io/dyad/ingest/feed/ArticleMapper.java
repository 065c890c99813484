package io.dyad.ingest.feed;

import io.dyad.contracts.ArticleIds;
import io.dyad.contracts.SourceRef;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Turns a feed item, or an article submitted through the API, into an {@link ArticleDraft}. */
@Singleton
public class ArticleMapper {

    /** The source of articles posted to {@code POST /articles}. */
    public static final SourceRef API_SOURCE = new SourceRef("api", "API", "api", null, null);

    static final int MAX_URL_LENGTH = 4096;
    static final int MAX_TITLE_LENGTH = 2000;
    static final int MAX_LEAD_LENGTH = 500;

    /**
     * @param feedUri the URL the feed was fetched from, against which relative item links are resolved
     * @throws UnusableItemException when the item has no usable link or neither title nor text
     */
    public ArticleDraft fromFeedItem(FeedItem item, ParsedFeed feed, URI feedUri, SourceRef source,
            Instant fetchedAt) {
        if (item.link() == null) {
            throw new UnusableItemException("the item has no link");
        }
        String url;
        try {
            url = feedUri.resolve(item.link().trim()).toString();
        } catch (IllegalArgumentException e) {
            throw new UnusableItemException("the item link \"" + item.link() + "\" is not a valid URL");
        }
        String title = title(item.title());
        String text = item.content() != null ? item.content().plainText()
                : item.description() != null ? item.description().plainText() : "";
        String summary = item.description() != null ? item.description().plainText() : lead(text);
        if (title.isEmpty() && text.isEmpty()) {
            throw new UnusableItemException("the item " + url + " has neither a title nor any text");
        }
        return draft(url, source, title, summary, text, feed.language() != null ? feed.language() : source.language(), item.authors(), item.publishedAt(),
                fetchedAt);
    }

    /**
     * An article page fetched for a sitemap or web source: the link it was found under is its identity; what the
     * page lacks comes from the listing (sitemap news title and date) or the source's language hint.
     *
     * @throws UnusableItemException when the page has neither a title nor any text
     */
    public ArticleDraft fromPage(URI link, io.dyad.ingest.extract.ExtractedArticle page, String titleHint,
            Instant dateHint, SourceRef source, Instant fetchedAt) {
        String title = title(page.title() != null && !page.title().isBlank() ? page.title()
                : titleHint == null ? "" : titleHint);
        String text = page.text() == null ? "" : page.text();
        if (title.isEmpty() && text.isEmpty()) {
            throw new UnusableItemException("the page " + link + " has neither a title nor any text");
        }
        return draft(link.toString(), source, title, lead(text), text,
                page.language() != null ? page.language() : source.language(), page.authors(),
                page.publishedAt() != null ? page.publishedAt() : dateHint, fetchedAt);
    }

    /**
     * An article submitted directly; its text is plain text (blank lines separate paragraphs).
     *
     * @throws UnusableItemException when {@code url} is not an absolute http(s) URL
     */
    public ArticleDraft fromSubmission(String url, String title, String text, Instant publishedAt, Instant fetchedAt) {
        String plain = HtmlText.normalisePlain(text);
        return draft(url.trim(), API_SOURCE, title(title), lead(plain), plain, null, List.of(), publishedAt,
                fetchedAt);
    }

    private static ArticleDraft draft(String url, SourceRef source, String title, String summary, String text,
            String language, List<String> authors, Instant publishedAt, Instant fetchedAt) {
        if (url.length() > MAX_URL_LENGTH) {
            throw new UnusableItemException("the URL is longer than " + MAX_URL_LENGTH + " characters");
        }
        String canonical;
        try {
            canonical = ArticleIds.canonicalUrl(url);
        } catch (IllegalArgumentException e) {
            throw new UnusableItemException(e.getMessage());
        }
        return new ArticleDraft(url, canonical, ArticleIds.articleId(canonical), source, title, summary, text,
                language, authors == null ? List.of() : List.copyOf(authors), publishedAt, fetchedAt,
                ArticleIds.contentHash(title, text));
    }

    /** Titles are one line of plain text (Atom allows HTML titles; some RSS feeds put tags in them anyway). */
    static String title(String raw) {
        String plain = HtmlText.toPlainText(raw).replace("\n\n", " ");
        return plain.length() > MAX_TITLE_LENGTH ? plain.substring(0, MAX_TITLE_LENGTH - 1) + "…" : plain;
    }

    /** The first paragraph, cut at a word boundary when long: the summary of an article that brings none. */
    static String lead(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        int end = text.indexOf("\n\n");
        String first = end < 0 ? text : text.substring(0, end);
        if (first.length() <= MAX_LEAD_LENGTH) {
            return first;
        }
        int cut = first.lastIndexOf(' ', MAX_LEAD_LENGTH);
        return first.substring(0, cut > MAX_LEAD_LENGTH / 2 ? cut : MAX_LEAD_LENGTH) + "…";
    }
}
