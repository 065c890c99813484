package io.dyad.alert.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.alert.matching.EvidenceSelector;
import io.dyad.alert.repository.DeliveryRepository.FeedEntry;
import io.dyad.alert.service.FeedService.Feed;
import io.dyad.contracts.Evidence;
import io.dyad.contracts.TaggedArticle;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders a subscription's feed as Atom 1.0 (RFC 4287). Each entry is one matched story: its title, link, source as
 * author, published and matched times, the matched pairs and issues as categories, and a summary saying why it matched
 * with the evidence sentences. The XML writer escapes all feed text.
 */
public final class AtomFeed {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String PAIRS_SCHEME = "https://dyad.io/taxonomy/pairs";
    static final String ISSUES_SCHEME = "https://dyad.io/taxonomy/issues";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private AtomFeed() {
    }

    /** @param selfUrl the feed's own absolute URL */
    public static String render(Feed feed, String selfUrl, ObjectMapper mapper) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = FACTORY.createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("feed");
            x.writeDefaultNamespace(ATOM);
            text(x, "id", "urn:uuid:" + feed.subscriptionId());
            text(x, "title", "Dyad: " + feed.name());
            text(x, "subtitle", "Stories matched by the subscription \"" + feed.name() + "\", newest first");
            Instant updated = feed.entries().isEmpty() ? feed.createdAt() : feed.entries().get(0).matchedAt();
            text(x, "updated", TIME.format(updated));
            x.writeEmptyElement("link");
            x.writeAttribute("rel", "self");
            x.writeAttribute("type", "application/atom+xml");
            x.writeAttribute("href", selfUrl);
            x.writeStartElement("author");
            text(x, "name", "Dyad");
            x.writeEndElement();
            x.writeStartElement("generator");
            x.writeAttribute("uri", "https://dyad.io");
            x.writeCharacters("Dyad alert-service");
            x.writeEndElement();
            for (FeedEntry e : feed.entries()) {
                entry(x, e, mapper.readValue(e.articlePayload(), TaggedArticle.class));
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException | IOException e) {
            throw new IllegalStateException("cannot render the feed of " + feed.subscriptionId(), e);
        }
        return out.toString();
    }

    private static void entry(XMLStreamWriter x, FeedEntry e, TaggedArticle a) throws XMLStreamException {
        x.writeStartElement("entry");
        text(x, "id", "urn:uuid:" + e.deliveryId());
        text(x, "title", a.title() == null || a.title().isBlank() ? "(untitled)" : a.title());
        if (a.url() != null) {
            x.writeEmptyElement("link");
            x.writeAttribute("rel", "alternate");
            x.writeAttribute("type", "text/html");
            x.writeAttribute("href", a.url());
        }
        if (a.publishedAt() != null) {
            text(x, "published", TIME.format(a.publishedAt()));
        }
        text(x, "updated", TIME.format(e.matchedAt()));
        if (a.source() != null && a.source().name() != null) {
            x.writeStartElement("author");
            text(x, "name", a.source().name());
            x.writeEndElement();
        }
        for (String pair : e.pairs()) {
            category(x, pair, PAIRS_SCHEME, "pair " + pair);
        }
        for (String issue : e.issues()) {
            category(x, issue, ISSUES_SCHEME, "issue " + issue);
        }
        List<Evidence> evidence = EvidenceSelector.select(a, e.pairs(), e.countries(), e.issues());
        StringBuilder why = new StringBuilder("Why: ");
        why.append(e.pairs().isEmpty() ? "countries " + String.join(", ", e.countries())
                : "pairs " + String.join(", ", e.pairs()));
        if (!e.issues().isEmpty()) {
            why.append(" · issues ").append(String.join(", ", e.issues()));
        }
        if (a.source() != null && a.source().name() != null) {
            why.append(" · source ").append(a.source().name());
        }
        for (Evidence ev : evidence) {
            why.append("\n“").append(ev.text().replace('\n', ' ')).append('”');
        }
        x.writeStartElement("summary");
        x.writeAttribute("type", "text");
        x.writeCharacters(why.toString());
        x.writeEndElement();
        x.writeEndElement();
    }

    private static void category(XMLStreamWriter x, String term, String scheme, String label)
            throws XMLStreamException {
        x.writeEmptyElement("category");
        x.writeAttribute("term", term);
        x.writeAttribute("scheme", scheme);
        x.writeAttribute("label", label);
    }

    private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(value);
        x.writeEndElement();
    }
}
