package io.dyad.ingest.service;

import io.dyad.ingest.config.IngestConfig;
import io.dyad.ingest.fetch.UrlGuard;
import io.dyad.ingest.fetch.UrlRefusedException;
import io.dyad.ingest.model.Source;
import io.dyad.ingest.model.SourceStatus;
import io.dyad.ingest.repository.SourceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hibernate.exception.ConstraintViolationException;

/** Adding, listing and removing sources, with the checks a new source must pass. */
@ApplicationScoped
public class SourceService {

    /** The source types this version can fetch. */
    public static final Set<String> SUPPORTED_TYPES = Set.of("rss");
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(5);
    public static final Duration MIN_POLL_INTERVAL = Duration.ofMinutes(1);
    public static final Duration MAX_POLL_INTERVAL = Duration.ofDays(1);

    @Inject
    SourceRepository sources;

    @Inject
    UrlGuard guard;

    @Inject
    IngestConfig config;

    /**
     * @throws InvalidRequestException for an unsupported type, a bad or refused URL, or a bad poll interval
     * @throws DuplicateSourceException when a source with this URL exists
     */
    @Transactional
    public Source create(NewSource request) {
        String type = request.type() == null ? "rss" : request.type().trim().toLowerCase(Locale.ROOT);
        if (!SUPPORTED_TYPES.contains(type)) {
            throw new InvalidRequestException("type", "type \"" + request.type() + "\" is not supported; supported "
                    + "types: " + String.join(", ", SUPPORTED_TYPES.stream().sorted().toList()));
        }
        Duration interval = pollInterval(request.pollInterval());
        String url = checkedUrl(request.url());
        sources.findByUrl(url).ifPresent(existing -> {
            throw new DuplicateSourceException(url, existing.id);
        });
        Instant now = Instant.now();
        Source s = new Source();
        s.name = request.name().trim();
        s.url = url;
        s.type = type;
        s.pollIntervalSeconds = interval.toSeconds();
        s.fullText = request.fullText();
        s.language = languageHint(request.language());
        s.country = countryHint(request.country());
        s.status = SourceStatus.ACTIVE;
        s.consecutiveFailures = 0;
        s.nextFetchAt = now.plus(config.poll().firstFetchDelay());
        s.createdAt = now;
        s.updatedAt = now;
        try {
            sources.persistAndFlush(s);
        } catch (PersistenceException e) {
            if (causedByConstraintViolation(e)) {
                throw new DuplicateSourceException(url, null); // added meanwhile by a concurrent request
            }
            throw e;
        }
        return s;
    }

    @Transactional
    public List<Source> list() {
        return sources.listAllById();
    }

    @Transactional
    public Source get(long id) {
        Source s = sources.findById(id);
        if (s == null) {
            throw new SourceNotFoundException(id);
        }
        return s;
    }

    @Transactional
    public void delete(long id) {
        if (!sources.deleteById(id)) {
            throw new SourceNotFoundException(id);
        }
    }

    private static boolean causedByConstraintViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    static Duration pollInterval(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_POLL_INTERVAL;
        }
        Duration d;
        try {
            d = Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("pollInterval", "pollInterval \"" + value + "\" is not an ISO-8601 "
                    + "duration such as PT5M, PT1H or P1D");
        }
        if (d.compareTo(MIN_POLL_INTERVAL) < 0 || d.compareTo(MAX_POLL_INTERVAL) > 0) {
            throw new InvalidRequestException("pollInterval", "pollInterval must be between PT1M and P1D, not "
                    + value);
        }
        return d;
    }

    private static String languageHint(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.trim().toLowerCase(Locale.ROOT);
        if (!code.matches("[a-z]{2,3}")) {
            throw new InvalidRequestException("language", "language \"" + value + "\" must be an ISO 639 code such "
                    + "as \"es\"");
        }
        return code;
    }

    private static String countryHint(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return io.dyad.contracts.CountryPair.requireCountryCode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("country", e.getMessage());
        }
    }

    private String checkedUrl(String value) {
        String trimmed = value.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("url", "url \"" + value + "\" is not a valid URL: " + e.getReason());
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new InvalidRequestException("url", "url \"" + value + "\" must be an absolute http or https URL");
        }
        try {
            guard.check(uri);
        } catch (UrlRefusedException e) {
            throw new InvalidRequestException("url", "url \"" + value + "\" is refused: " + e.getMessage());
        }
        return trimmed;
    }
}
