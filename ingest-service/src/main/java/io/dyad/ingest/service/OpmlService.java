package io.dyad.ingest.service;

import io.dyad.ingest.model.Source;
import io.dyad.ingest.opml.Opml;
import io.dyad.ingest.opml.Opml.Outline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * OPML import and export of sources. Each imported feed is created in its own transaction through the same checks
 * as {@code POST /sources}; one bad or duplicate outline is reported and skipped, never the whole file.
 */
@ApplicationScoped
public class OpmlService {

    /** What an import did: the sources created, and the outlines skipped with the reason. */
    public record ImportReport(List<Created> created, List<Skipped> skipped) {
    }

    public record Created(long id, String url) {
    }

    public record Skipped(String url, String reason) {
    }

    @Inject
    SourceService sources;

    /** @throws io.dyad.ingest.opml.OpmlException when the document is not OPML */
    public ImportReport importOpml(byte[] document) {
        List<Outline> outlines = Opml.read(document);
        List<Created> created = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Outline o : outlines) {
            String name = o.title() != null ? o.title() : o.xmlUrl();
            try {
                Source s = sources.create(new NewSource(name.length() > 200 ? name.substring(0, 200) : name,
                        o.xmlUrl(), "rss", o.pollInterval(), Boolean.TRUE.equals(o.fullText()), o.language(),
                        o.country(), null, o.maxPollInterval(), null, null));
                created.add(new Created(s.id, s.url));
            } catch (DuplicateSourceException e) {
                skipped.add(new Skipped(o.xmlUrl(), "already a source"));
            } catch (InvalidRequestException e) {
                skipped.add(new Skipped(o.xmlUrl(), e.getMessage()));
            }
        }
        return new ImportReport(created, skipped);
    }

    public String exportOpml() {
        // OPML lists feeds: sitemap and web sources are not feeds other readers could follow
        List<Outline> outlines = sources.list().stream().filter(s -> "rss".equals(s.type))
                .map(s -> new Outline(s.name, s.url, s.language, s.country, s.minPollInterval().toString(),
                        s.fullText, s.maxPollInterval().toString())).toList();
        return Opml.write("Dyad sources", outlines);
    }
}
