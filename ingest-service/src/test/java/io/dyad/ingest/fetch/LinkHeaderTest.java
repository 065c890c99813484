package io.dyad.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

    @Test
    void hubAndSelfFromOneOrSeveralHeaders() {
        assertThat(LinkHeader.relations(List.of("<https://hub.example/>; rel=\"hub\", <https://news.example/feed>; "
                + "rel=\"self\""))).containsEntry("hub", "https://hub.example/")
                .containsEntry("self", "https://news.example/feed");
        assertThat(LinkHeader.relations(List.of("<https://hub.example/>; rel=hub", "</feed.xml>; rel=self")))
                .containsEntry("hub", "https://hub.example/").containsEntry("self", "/feed.xml");
    }

    @Test
    void severalRelationsCaseAndFirstWins() {
        assertThat(LinkHeader.relations(List.of("<https://a.example/>; title=\"a, b; c\"; rel=\"HUB other\", "
                + "<https://b.example/>; rel=\"hub\"")))
                .containsEntry("hub", "https://a.example/").containsEntry("other", "https://a.example/")
                .hasSize(2);
    }

    @Test
    void malformedValuesGiveNothingAndNeverThrow() {
        assertThat(LinkHeader.relations(List.of("", "no link here", "<https://x.example/", "<>; rel=hub",
                "<https://x.example/>; title=\"no rel\"", "<https://y.example/>; rel"))).isEmpty();
    }
}
