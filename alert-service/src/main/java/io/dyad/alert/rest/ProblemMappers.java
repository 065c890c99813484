package io.dyad.alert.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.dyad.alert.auth.ForbiddenException;
import io.dyad.alert.auth.RateLimitedException;
import io.dyad.alert.auth.UnauthorizedException;
import io.dyad.alert.service.Failures;
import io.dyad.alert.service.InvalidInputException;
import io.dyad.alert.service.NotFoundException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error as RFC 9457 problem+json with a detail that says what to fix; bad input is never a 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    ObjectMapper mapper;

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, UriInfo uri) {
        return problem(400, "invalid-request", "Invalid request", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return Response.fromResponse(problem(401, "unauthorized", "Unauthorized", e.getMessage(), uri))
                .header("WWW-Authenticate", "Bearer realm=\"dyad\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "forbidden", "Forbidden", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e, UriInfo uri) {
        return Response.fromResponse(problem(429, "rate-limited", "Too Many Requests", e.getMessage(), uri))
                .header("Retry-After", Long.toString(e.retryAfterSeconds())).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return problem(404, "not-found", "Not found", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response conflict(io.dyad.alert.service.ConflictException e, UriInfo uri) {
        return problem(409, "conflict", "Conflict", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response tooSoon(io.dyad.alert.service.TooSoonException e, UriInfo uri) {
        return Response.fromResponse(problem(429, "too-soon", "Too Many Requests", e.getMessage(), uri))
                .header("Retry-After", Long.toString(e.retryAfterSeconds())).build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> describe(v))
                .sorted()
                .collect(Collectors.joining("; "));
        return problem(400, "invalid-request", "Invalid request", detail, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return problem(400, "malformed-json", "Malformed JSON", describe(e), uri);
    }

    // as specific as Quarkus's built-in mappers for these, so ours (problem+json) win
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonSyntax(JsonParseException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no resource at " + uri.getPath();
            case 405 -> "method not allowed on " + uri.getPath();
            case 415 -> "unsupported media type: send application/json";
            case 406 -> "not acceptable: this API answers application/json";
            default -> e.getMessage();
        };
        if (status >= 500) {
            LOG.errorf(e, "HTTP %d on %s", status, uri.getPath());
        }
        return problem(status, status == 404 ? "not-found" : "http-" + status, title, detail, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (Failures.isTransient(e)) {
            LOG.warnf("Database unavailable on %s: %s", uri.getPath(), Failures.rootMessage(e));
            return Response.fromResponse(problem(503, "unavailable", "Service Unavailable",
                    "the database is unavailable; try again shortly", uri)).header("Retry-After", "5").build();
        }
        LOG.errorf(e, "Unexpected error on %s", uri.getPath());
        return problem(500, "internal-error", "Internal Server Error",
                "an unexpected error occurred; it has been logged", uri);
    }

    Response problem(int status, String type, String title, String detail, UriInfo uri) {
        Problem problem = new Problem(Problem.TYPE_BASE + type, title, status, detail,
                uri == null ? null : uri.getPath());
        String json;
        try {
            json = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            json = "{\"title\":\"" + title + "\",\"status\":" + status + "}";
        }
        // serialised here so the answer is problem+json whatever the request's Accept header
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(json).build();
    }

    private static String describe(ConstraintViolation<?> v) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                names.add(node.getName());
            } else if (node.getKind() == ElementKind.PARAMETER && !"body".equals(node.getName())) {
                names.add(node.getName());
            }
        }
        String path = String.join(".", names);
        return path.isEmpty() ? v.getMessage() : path + " " + v.getMessage();
    }

    static String describe(JsonProcessingException e) {
        String where = "";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            where = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        JsonParseException parse = parseError(e);
        if (parse != null) {
            String location = parse.getLocation() == null ? ""
                    : " at line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr();
            return "the body is not valid JSON" + location + ": " + firstSentence(parse.getOriginalMessage());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return (where.isEmpty() ? "the body" : where) + " must be " + expected(mismatch.getTargetType());
        }
        return "the body does not have the expected shape" + (where.isEmpty() ? "" : " at " + where) + ": "
                + firstSentence(e.getOriginalMessage());
    }

    /** The syntax error behind {@code e}, also when data binding wrapped it; null for well-formed JSON. */
    private static JsonParseException parseError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParseException parse) {
                return parse;
            }
        }
        return null;
    }

    private static String expected(Class<?> type) {
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        return "a value of another type";
    }

    private static String firstSentence(String message) {
        if (message == null) {
            return "";
        }
        // Jackson appends source locations we already give, or that say nothing ("[Source: REDACTED ...]")
        String line = message.lines().findFirst().orElse("").replaceAll("\\s*\\(start marker at \\[Source.*$", "")
                .replaceAll("\\s*at \\[Source.*$", "");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
