package io.dyad.ingest.service;

import io.dyad.ingest.config.IngestConfig;
import io.dyad.ingest.fetch.UrlGuard;
import io.dyad.ingest.fetch.UrlRefusedException;
import io.dyad.ingest.model.Source;
import io.dyad.ingest.model.SourceStatus;
import io.dyad.ingest.repository.SourceRepository;
import io.dyad.ingest.websub.WebSubService;
import io.dyad.ingest.websub.WebSubUnsubscription;
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
import java.util.Optional;
import java.util.Set;
import org.hibernate.exception.ConstraintViolationException;

/** Adding, listing and removing sources, with the checks a new source must pass. */
@ApplicationScoped
public class SourceService {

    /** The source types this version can fetch. */
    public static final Set<String> SUPPORTED_TYPES = Set.of("rss", "sitemap", "web");
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(5);
    public static final Duration MIN_POLL_INTERVAL = Duration.ofMinutes(1);
    public static final Duration MAX_POLL_INTERVAL = Duration.ofDays(1);

    @Inject
    SourceRepository sources;

    @Inject
    UrlGuard guard;

    @Inject
    IngestConfig config;

    @Inject
    IngestMetrics metrics;

    @Inject
    WebSubService websub;

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
        Duration min = request.minPollInterval() != null && !request.minPollInterval().isBlank()
                ? pollInterval("minPollInterval", request.minPollInterval())
                : pollInterval("pollInterval", request.pollInterval());
        Duration max;
        if (request.maxPollInterval() != null && !request.maxPollInterval().isBlank()) {
            max = pollInterval("maxPollInterval", request.maxPollInterval());
            if (max.compareTo(min) < 0) {
                throw new InvalidRequestException("maxPollInterval", "maxPollInterval (" + max + ") must not be "
                        + "shorter than the lower bound (" + min + ")");
            }
        } else {
            Duration defaultMax = config.poll().defaultMaxInterval();
            max = defaultMax.compareTo(min) > 0 ? defaultMax : min;
        }
        WebLinks links = "web".equals(type) ? WebLinks.of(request.linkSelector(), request.linkPattern()) : null;
        if (links == null && (notBlank(request.linkSelector()) || notBlank(request.linkPattern()))) {
            throw new InvalidRequestException(notBlank(request.linkSelector()) ? "linkSelector" : "linkPattern",
                    "linkSelector and linkPattern are only for sources of type \"web\"");
        }
        String url = checkedUrl(request.url());
        sources.findByUrl(url).ifPresent(existing -> {
            throw new DuplicateSourceException(url, existing.id);
        });
        Instant now = Instant.now();
        Source s = new Source();
        s.name = request.name().trim();
        s.url = url;
        s.type = type;
        s.pollIntervalSeconds = min.toSeconds(); // start at the lower bound; fetches adapt it
        s.minPollSeconds = min.toSeconds();
        s.maxPollSeconds = max.toSeconds();
        if (links != null) {
            s.linkSelector = links.selector();
            s.linkPattern = links.pattern() == null ? null : links.pattern().pattern();
        }
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

    /**
     * Applies {@code changes} to a source, with the same checks as {@link #create}. New bounds clamp the current
     * interval; re-enabling makes the source due now.
     *
     * @throws SourceNotFoundException for an unknown id
     * @throws InvalidRequestException for a bad value, naming the field
     */
    @Transactional
    public Source update(long id, SourceChanges changes) {
        Source s = get(id);
        if (changes.name() != null) {
            if (changes.name().isBlank() || changes.name().trim().length() > 200) {
                throw new InvalidRequestException("name", "name must be 1 to 200 characters");
            }
            s.name = changes.name().trim();
        }
        Duration min = changes.minPollInterval() != null
                ? pollInterval("minPollInterval", changes.minPollInterval()) : s.minPollInterval();
        Duration max = changes.maxPollInterval() != null
                ? pollInterval("maxPollInterval", changes.maxPollInterval()) : s.maxPollInterval();
        if (max.compareTo(min) < 0) {
            throw new InvalidRequestException("maxPollInterval", "maxPollInterval (" + max + ") must not be "
                    + "shorter than the lower bound (" + min + ")");
        }
        s.minPollSeconds = min.toSeconds();
        s.maxPollSeconds = max.toSeconds();
        s.pollIntervalSeconds = Math.max(s.minPollSeconds, Math.min(s.maxPollSeconds, s.pollIntervalSeconds));
        if (changes.fullText() != null) {
            s.fullText = changes.fullText();
        }
        if (changes.language() != null) {
            s.language = languageHint(changes.language());
        }
        if (changes.country() != null) {
            s.country = countryHint(changes.country());
        }
        if (changes.linkSelector() != null || changes.linkPattern() != null) {
            if (!"web".equals(s.type)) {
                throw new InvalidRequestException(changes.linkSelector() != null ? "linkSelector" : "linkPattern",
                        "linkSelector and linkPattern are only for sources of type \"web\"");
            }
            WebLinks links = WebLinks.of(changes.linkSelector() != null ? changes.linkSelector() : s.linkSelector,
                    changes.linkPattern() != null ? changes.linkPattern() : s.linkPattern);
            s.linkSelector = links.selector();
            s.linkPattern = links.pattern() == null ? null : links.pattern().pattern();
        }
        Instant now = Instant.now();
        if (Boolean.FALSE.equals(changes.enabled())) {
            s.status = SourceStatus.DISABLED;
        } else if (Boolean.TRUE.equals(changes.enabled()) && s.status == SourceStatus.DISABLED) {
            s.status = SourceStatus.ACTIVE;
            s.consecutiveFailures = 0;
            s.backoffSeconds = null;
            s.nextFetchAt = now;
        }
        s.updatedAt = now;
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

    /** Deletes the source; a WebSub subscription it had is then ended at its hub, after the commit. */
    public void delete(long id) {
        Optional<WebSubUnsubscription> unsubscription = deleteRow(id);
        metrics.forgetSource(id);
        unsubscription.ifPresent(websub::unsubscribe);
    }

    @Transactional
    Optional<WebSubUnsubscription> deleteRow(long id) {
        Optional<WebSubUnsubscription> unsubscription = websub.prepareUnsubscribe(id);
        if (!sources.deleteById(id)) {
            throw new SourceNotFoundException(id);
        }
        return unsubscription;
    }

    private static boolean causedByConstraintViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    static Duration pollInterval(String field, String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_POLL_INTERVAL;
        }
        Duration d;
        try {
            d = Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, field + " \"" + value + "\" is not an ISO-8601 "
                    + "duration such as PT5M, PT1H or P1D");
        }
        if (d.compareTo(MIN_POLL_INTERVAL) < 0 || d.compareTo(MAX_POLL_INTERVAL) > 0) {
            throw new InvalidRequestException(field, field + " must be between PT1M and P1D, not " + value);
        }
        return d;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
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
