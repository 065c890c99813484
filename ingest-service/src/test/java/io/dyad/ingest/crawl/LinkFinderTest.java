package io.dyad.ingest.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.ingest.service.WebLinks;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** LinkFinder on listing pages written for the tests (no I/O). */
class LinkFinderTest {

    private static final URI PAGE = URI.create("https://news.example/world/");
    private static final String LISTING = """
            <html><body><nav><a href="/">Home</a><a href="/world/">World</a></nav>
            <ul class="latest">
              <li><a href="/world/2026/11/28/crossing#comments">Crossing</a></li>
              <li><a href="2026/11/28/talks">Talks (relative)</a></li>
              <li><a href="https://other.example/2026/11/28/partner">Partner</a></li>
              <li><a href="mailto:desk@news.example">Mail</a> <a href="javascript:void(0)">JS</a></li>
              <li><a href="/world/2026/11/28/crossing">Crossing again</a></li>
            </ul>
            <footer><a href="/about">About</a></footer></body></html>""";

    @Test
    void selectorLinksInsideMatchedElementsAbsoluteWithoutFragmentsEachOnce() {
        assertThat(LinkFinder.links(LISTING, PAGE, WebLinks.of("ul.latest li", null))).containsExactly(
                URI.create("https://news.example/world/2026/11/28/crossing"),
                URI.create("https://news.example/world/2026/11/28/talks"),
                URI.create("https://other.example/2026/11/28/partner"));
    }

    @Test
    void patternAloneAndBothTogether() {
        assertThat(LinkFinder.links(LISTING, PAGE, WebLinks.of(null, "/20\\d\\d/\\d\\d/"))).hasSize(3);
        assertThat(LinkFinder.links(LISTING, PAGE, WebLinks.of("ul.latest a", "^https://news\\.example/")))
                .containsExactly(URI.create("https://news.example/world/2026/11/28/crossing"),
                        URI.create("https://news.example/world/2026/11/28/talks"));
    }

    @Test
    void aCatastrophicPatternIsCutOffInsteadOfHoldingTheWorker() {
        Pattern evil = Pattern.compile("((a+)+)+b"); // takes well over 10 s on this URL unbounded (measured)
        String url = "https://news.example/" + "a".repeat(40) + "!";
        long start = System.nanoTime();
        assertThat(LinkFinder.matches(evil, url)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(LinkFinder.matches(Pattern.compile("news\\.example/a+!$"), url)).isTrue();
    }
}
