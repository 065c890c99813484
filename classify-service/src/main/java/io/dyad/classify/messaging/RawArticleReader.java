package io.dyad.classify.messaging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.dyad.contracts.RawArticle;
import io.dyad.contracts.SourceRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a RawArticle v1 from a record value and checks what the schema requires, so that a bad record fails alone with
 * a reason ("not JSON", "unsupported schemaVersion 2", "missing or invalid required fields: title, fetchedAt").
 *
 * <p>One pass: the UTF-8 bytes are bound straight to {@link RawArticle} (no String, no tree), with Jackson's scalar
 * coercions off so that a number where the schema wants a string is refused as before; the required fields are then
 * checked on the record. Only a record that fails to bind is read a second time, to name a newer schema version.
 */
@ApplicationScoped
public class RawArticleReader {

    private static final Set<String> SOURCE_TYPES = Set.of("rss", "web", "sitemap", "websub", "api");

    private final ObjectReader reader;
    private final ObjectMapper mapper;

    public RawArticleReader(ObjectMapper mapper) {
        // a copy: the strict coercions are for this contract, not for the REST API's mapper
        ObjectMapper strict = mapper.copy();
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        this.mapper = strict;
        this.reader = strict.readerFor(RawArticle.class);
    }

    public RawArticle read(byte[] value) {
        if (value == null || blank(value)) {
            throw new InvalidRawArticleException("empty record value");
        }
        RawArticle raw;
        try {
            raw = reader.readValue(value);
        } catch (StreamReadException e) {
            throw new InvalidRawArticleException("not JSON: " + e.getOriginalMessage());
        } catch (DatabindException e) {
            throw unreadable(value, e);
        } catch (IOException e) {
            throw new InvalidRawArticleException("not JSON: " + e.getMessage());
        }
        if (raw == null) {
            throw new InvalidRawArticleException("not a JSON object");
        }
        checkVersion(raw.schemaVersion());
        List<String> bad = new ArrayList<>();
        require(bad, "articleId", hex(raw.articleId(), 32));
        require(bad, "storyId", hex(raw.storyId(), 32));
        require(bad, "url", raw.url() != null && !raw.url().isEmpty());
        require(bad, "canonicalUrl", raw.canonicalUrl() != null && !raw.canonicalUrl().isEmpty());
        require(bad, "source", source(raw.source()));
        require(bad, "title", raw.title() != null);
        require(bad, "summary", raw.summary() != null);
        require(bad, "text", raw.text() != null);
        require(bad, "authors", raw.authors() != null);
        require(bad, "fetchedAt", raw.fetchedAt() != null);
        require(bad, "contentHash", hex(raw.contentHash(), 64));
        if (!bad.isEmpty()) {
            throw new InvalidRawArticleException("missing or invalid required fields: " + String.join(", ", bad));
        }
        return raw;
    }

    /** A value that is JSON but does not bind: a newer schema version is the reason first, then the field. */
    private InvalidRawArticleException unreadable(byte[] value, DatabindException e) {
        Integer version = schemaVersion(value);
        if (version != null) {
            checkVersion(version);
        }
        List<JsonMappingException.Reference> path = e instanceof JsonMappingException m ? m.getPath() : List.of();
        if (path.isEmpty()) {
            return new InvalidRawArticleException("not a JSON object");
        }
        String field = path.stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        if (path.get(0).getFieldName() != null && path.get(0).getFieldName().equals("schemaVersion")) {
            return new InvalidRawArticleException("schemaVersion is missing or not an integer");
        }
        return new InvalidRawArticleException("missing or invalid required fields: " + field);
    }

    private static void checkVersion(int version) {
        if (version == 0) { // the int field's default: absent (0 is no version of the contract)
            throw new InvalidRawArticleException("schemaVersion is missing or not an integer");
        }
        if (version != RawArticle.SCHEMA_VERSION) {
            throw new InvalidRawArticleException("unsupported schemaVersion " + version
                    + " (this consumer reads RawArticle v" + RawArticle.SCHEMA_VERSION + ")");
        }
    }

    /** The top-level integer schemaVersion of a JSON object, or null; reads the value again, on failures only. */
    private Integer schemaVersion(byte[] value) {
        try (JsonParser parser = mapper.getFactory().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("schemaVersion".equals(name)) {
                    return token == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean source(SourceRef source) {
        return source != null && source.id() != null && !source.id().isEmpty() && source.name() != null
                && source.type() != null && SOURCE_TYPES.contains(source.type());
    }

    /** Lower-case hex of exactly {@code length} characters, as the schema's ids and hashes are. */
    private static boolean hex(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static void require(List<String> bad, String field, boolean ok) {
        if (!ok) {
            bad.add(field);
        }
    }

    private static boolean blank(byte[] value) {
        for (byte b : value) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
