package io.dyad.ingest.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.dyad.ingest.messaging.PublishException;
import io.dyad.ingest.service.DuplicateSourceException;
import io.dyad.ingest.service.InvalidRequestException;
import io.dyad.ingest.service.SourceNotFoundException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error the API answers, as {@code application/problem+json}; bad input is a 4xx, never a 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    ObjectMapper json;

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e, UriInfo uri) {
        return problem(400, "invalid-request", "Invalid request", e.getMessage(), uri,
                List.of(new Problem.FieldError(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    public Response badOpml(io.dyad.ingest.opml.OpmlException e, UriInfo uri) {
        return problem(400, "invalid-opml", "Invalid OPML", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field().isEmpty() ? f.message() : f.field() + ": " + f.message())
                .collect(Collectors.joining("; "));
        return problem(400, "invalid-request", "Invalid request", detail, uri, errors);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return problem(400, "malformed-json", "Malformed JSON", "the request body is not valid JSON: "
                + e.getOriginalMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e, UriInfo uri) {
        return problem(400, "malformed-json", "Malformed JSON", "the request body cannot be read: "
                + e.getOriginalMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response notFound(SourceNotFoundException e, UriInfo uri) {
        return problem(404, "not-found", "Not found", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response duplicate(DuplicateSourceException e, UriInfo uri) {
        return problem(409, "duplicate-source", "Source already exists", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response publishFailed(PublishException e, UriInfo uri) {
        LOG.warn(e.getMessage());
        return problem(503, "publish-failed", "Article not published", e.getMessage()
                + "; nothing was recorded, try again later", uri, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // the JSON reader reports unparsable bodies as a bare 400 wrapping Jackson's exception
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse, uri);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unreadableJson(mapping, uri);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? title : e.getMessage();
        return problem(status, status == 404 ? "not-found" : "http-" + status, title, detail, uri, null);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return problem(500, "internal-error", "Internal error", "the request failed unexpectedly: "
                + e.getClass().getSimpleName(), uri, null);
    }

    private Response unreadableJson(JsonMappingException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String detail;
        if (e instanceof InvalidFormatException invalid) {
            detail = "field '" + field + "' has an invalid value \"" + invalid.getValue() + "\"; expected "
                    + expected(invalid.getTargetType());
        } else if (!field.isEmpty()) {
            detail = "field '" + field + "' cannot be read: " + firstLine(e.getOriginalMessage());
        } else {
            detail = "the request body cannot be read as the expected JSON object: " + firstLine(e.getOriginalMessage());
        }
        return problem(400, "malformed-json", "Malformed JSON", detail, uri,
                field.isEmpty() ? null : List.of(new Problem.FieldError(field, detail)));
    }

    private static String expected(Class<?> type) {
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-11-27T14:00:00Z";
        }
        return type == null ? "another value" : "a " + type.getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** "create.body.name" → "name": the property, not the Java method and parameter it sits in. */
    private static String field(ConstraintViolation<?> violation) {
        String last = "";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                last = node.getName();
            }
        }
        if (last.isEmpty()) {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                    last = "body".equals(node.getName()) ? "" : node.getName();
                }
            }
        }
        return last;
    }

    private Response problem(int status, String slug, String title, String detail, UriInfo uri,
            List<Problem.FieldError> errors) {
        Problem p = new Problem(Problem.TYPE_BASE + slug, title, status, detail, uri == null ? null : uri.getRequestUri().getPath(),
                errors);
        String body;
        try {
            body = json.writeValueAsString(p);
        } catch (JsonProcessingException impossible) {
            body = "{\"title\":\"" + title + "\",\"status\":" + status + "}";
        }
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
