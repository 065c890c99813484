package io.dyad.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArticleIdsTest {

    @Test
    void canonicalUrlDropsTrackingFragmentAndDefaultPort() {
        assertThat(ArticleIds.canonicalUrl("HTTPS://News.Example.COM:443/a/b?id=7&utm_source=x&fbclid=1#top"))
                .isEqualTo("https://news.example.com/a/b?id=7");
        assertThat(ArticleIds.canonicalUrl("http://example.com")).isEqualTo("http://example.com/");
        assertThat(ArticleIds.canonicalUrl("http://example.com:8080/x?gclid=2")).isEqualTo("http://example.com:8080/x");
    }

    @Test
    void articleIdIsStableHexOfSixteenBytes() {
        String id = ArticleIds.articleId(ArticleIds.canonicalUrl("https://example.com/story?utm_medium=rss"));
        assertThat(id).matches("[0-9a-f]{32}").isEqualTo(ArticleIds.articleId("https://example.com/story"));
    }

    @Test
    void refusesWhatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> ArticleIds.canonicalUrl("ftp://example.com/x")).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> ArticleIds.canonicalUrl("not a url")).isInstanceOf(IllegalArgumentException.class);
    }
}
