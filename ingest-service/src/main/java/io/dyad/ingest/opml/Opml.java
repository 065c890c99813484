package io.dyad.ingest.opml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * OPML 2.0 subscription lists, the format feed readers exchange: read every {@code outline} with an {@code xmlUrl}
 * (at any depth, folders flattened) and write one outline per source. Dyad's own settings travel in attributes of
 * the {@value #NS} namespace, which other readers ignore. DOCTYPEs are refused, so no entity is ever expanded.
 */
public final class Opml {

    public static final String NS = "https://github.com/dyad-news/dyad/opml";
    public static final int MAX_OUTLINES = 10_000;

    /** One subscription; every field but {@code xmlUrl} may be null. */
    public record Outline(String title, String xmlUrl, String language, String country, String pollInterval,
            Boolean fullText, String maxPollInterval) {

        public Outline(String title, String xmlUrl, String language, String country, String pollInterval,
                Boolean fullText) {
            this(title, xmlUrl, language, country, pollInterval, fullText, null);
        }
    }

    private Opml() {
    }

    /** @throws OpmlException when the document is not OPML, with a sentence that says why */
    public static List<Outline> read(byte[] xml) {
        Document doc;
        try {
            doc = secureBuilder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            String m = e.getMessage() == null ? "unreadable" : e.getMessage();
            throw new OpmlException(m.contains("DOCTYPE") ? "the OPML declares a DOCTYPE; DTDs are refused"
                    : "the OPML is not well-formed XML: " + m);
        } catch (IOException e) {
            throw new OpmlException("the OPML cannot be read: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!"opml".equals(root.getLocalName() != null ? root.getLocalName() : root.getTagName())) {
            throw new OpmlException("the document's root element is <" + root.getTagName() + ">, not <opml>");
        }
        List<Outline> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node node, List<Outline> out) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!(child instanceof Element e)) {
                continue;
            }
            if ("outline".equals(e.getTagName())) {
                String xmlUrl = attr(e, "xmlUrl");
                if (xmlUrl != null) {
                    if (out.size() >= MAX_OUTLINES) {
                        throw new OpmlException("the OPML has more than " + MAX_OUTLINES + " feeds; split it");
                    }
                    String title = attr(e, "title") != null ? attr(e, "title") : attr(e, "text");
                    String fullText = e.getAttributeNS(NS, "fullText");
                    out.add(new Outline(title, xmlUrl, attr(e, "language"), nsAttr(e, "country"),
                            nsAttr(e, "pollInterval"), fullText.isBlank() ? null : Boolean.valueOf(fullText.trim()),
                            nsAttr(e, "maxPollInterval")));
                }
            }
            collect(e, out);
        }
    }

    /** An OPML 2.0 document listing {@code outlines}. */
    public static String write(String title, List<Outline> outlines) {
        try {
            Document doc = secureBuilder().newDocument();
            Element opml = doc.createElement("opml");
            opml.setAttribute("version", "2.0");
            opml.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:dyad", NS);
            doc.appendChild(opml);
            Element head = doc.createElement("head");
            opml.appendChild(head);
            Element t = doc.createElement("title");
            t.setTextContent(title);
            head.appendChild(t);
            Element created = doc.createElement("dateCreated");
            created.setTextContent(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
            head.appendChild(created);
            Element body = doc.createElement("body");
            opml.appendChild(body);
            for (Outline o : outlines) {
                Element e = doc.createElement("outline");
                e.setAttribute("type", "rss");
                e.setAttribute("text", o.title());
                e.setAttribute("title", o.title());
                e.setAttribute("xmlUrl", o.xmlUrl());
                if (o.language() != null) {
                    e.setAttribute("language", o.language());
                }
                if (o.country() != null) {
                    e.setAttributeNS(NS, "dyad:country", o.country());
                }
                if (o.pollInterval() != null) {
                    e.setAttributeNS(NS, "dyad:pollInterval", o.pollInterval());
                }
                if (o.maxPollInterval() != null) {
                    e.setAttributeNS(NS, "dyad:maxPollInterval", o.maxPollInterval());
                }
                if (o.fullText() != null) {
                    e.setAttributeNS(NS, "dyad:fullText", o.fullText().toString());
                }
                body.appendChild(e);
            }
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = tf.newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write OPML", e);
        }
    }

    private static DocumentBuilder secureBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no secure XML parser available", e);
        }
    }

    private static String attr(Element e, String name) {
        String v = e.getAttribute(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String nsAttr(Element e, String local) {
        String v = e.getAttributeNS(NS, local);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
