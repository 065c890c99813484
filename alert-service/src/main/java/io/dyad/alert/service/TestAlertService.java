package io.dyad.alert.service;

import io.dyad.alert.delivery.AlertPayload;
import io.dyad.alert.delivery.DeliveryOutcome;
import io.dyad.alert.matching.EvidenceSelector;
import io.dyad.alert.model.ChannelType;
import io.dyad.alert.model.Subscription;
import io.dyad.alert.repository.EmailChannelRepository;
import io.dyad.contracts.ArticleIds;
import io.dyad.contracts.CountryPair;
import io.dyad.contracts.CountryTag;
import io.dyad.contracts.Evidence;
import io.dyad.contracts.IssueTag;
import io.dyad.contracts.PairTag;
import io.dyad.contracts.SourceRef;
import io.dyad.contracts.TaggedArticle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@code POST /subscriptions/{id}/test}: a sample alert, marked as a test, through the subscription's channel by the
 * same code as real alerts ({@link DeliveryService#sendThrough}). Nothing is stored and no channel state changes (a
 * Slack 404 does not disable it here); the outcome is the answer. E-mail goes only to a confirmed address.
 */
@ApplicationScoped
public class TestAlertService {

    private static final Logger LOG = Logger.getLogger(TestAlertService.class);
    static final String SAMPLE_URL = "https://example.org/dyad/test-alert";

    @Inject
    SubscriptionService subscriptions;

    @Inject
    DeliveryService deliveries;

    @Inject
    EmailChannelRepository emailRows;

    /** The answer: {@code delivered} true when the receiver accepted the test alert (2xx, SMTP 250). */
    public record TestResult(String id, String channelType, boolean delivered, Integer statusCode, String error,
            Instant sentAt) {
    }

    public TestResult send(UUID ownerId, String id) {
        Subscription s = subscriptions.get(ownerId, id);
        ChannelType type = ChannelType.fromId(s.channelType).orElseThrow();
        EmailChannelRepository.EmailTarget email = null;
        if (type == ChannelType.EMAIL) {
            email = QuarkusTransaction.requiringNew().call(() -> emailRows.target(s.id));
            if (email == null || !email.confirmed()) {
                throw new ConflictException("the address is not confirmed yet: nothing, not even a test, is mailed "
                        + "before the recipient follows the link in the confirmation mail");
            }
            if (email.suppression() != null) {
                throw new ConflictException("the address is suppressed: " + email.suppression());
            }
        }
        String testId = "test_" + UUID.randomUUID();
        TaggedArticle article = sampleArticle(s);
        List<String> pairs = article.pairs().stream().map(PairTag::pair).toList();
        List<String> countries = pairs.isEmpty() ? article.countries().stream().map(CountryTag::code).toList()
                : List.of();
        List<String> issues = article.issues().stream().map(IssueTag::id).toList();
        AlertPayload payload = new AlertPayload(testId, new AlertPayload.SubscriptionRef(s.id.toString(), s.name),
                new AlertPayload.ArticleRef(article.articleId(), article.storyId(), article.title(), article.url(),
                        article.source().name(), article.publishedAt(), article.language()),
                new AlertPayload.Matched(pairs, issues),
                EvidenceSelector.select(article, pairs, countries, issues));
        List<String> secrets = new ArrayList<>();
        if (s.signingSecret != null) {
            secrets.add(s.signingSecret);
        }
        if (s.previousSigningSecret != null && s.previousSecretUntil != null
                && s.previousSecretUntil.isAfter(Instant.now())) {
            secrets.add(s.previousSigningSecret);
        }
        DeliveryOutcome outcome = deliveries.sendThrough(new DeliveryService.Target(type, s.channelUrl,
                List.copyOf(secrets), email), payload, article, countries, testId, true);
        Instant at = Instant.now();
        TestResult result;
        if (outcome instanceof DeliveryOutcome.Delivered d) {
            result = new TestResult(testId, s.channelType, true, d.statusCode(), null, at);
        } else if (outcome instanceof DeliveryOutcome.Failed f) {
            result = new TestResult(testId, s.channelType, false, f.statusCode(), f.error(), at);
        } else {
            DeliveryOutcome.ChannelGone g = (DeliveryOutcome.ChannelGone) outcome;
            result = new TestResult(testId, s.channelType, false, g.statusCode(),
                    g.error() + " — a real alert would disable the channel", at);
        }
        LOG.infof("Test alert %s for subscription %s: %s", testId, s.id,
                result.delivered() ? "delivered" : "failed: " + result.error());
        return result;
    }

    /** A made-up article that matches the subscription: its first pair (or country) and issues, with evidence. */
    static TaggedArticle sampleArticle(Subscription s) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String pair = s.pairs.length > 0 ? s.pairs[0] : null;
        String country = pair == null ? (s.countries.length > 0 ? s.countries[0] : "US") : null;
        String place = pair != null ? pair : country;
        List<String> issues = s.issues.length > 0 ? List.of(s.issues).subList(0, Math.min(2, s.issues.length))
                : List.of("diplomacy");
        String title = "Dyad test alert: a sample story about " + place;
        String evidence = "This sample sentence stands for the evidence about " + place + ".";
        String issueSentence = "It would be tagged " + String.join(" and ", issues) + ".";
        String text = evidence + " " + issueSentence + " It was made on request and is not news.";
        String url = SAMPLE_URL + "?at=" + now.toEpochMilli();
        String articleId = ArticleIds.articleId(ArticleIds.canonicalUrl(url));
        Evidence placeSpan = new Evidence("text", 0, evidence.length(), evidence);
        int issueAt = text.indexOf(issueSentence);
        Evidence issueSpan = new Evidence("text", issueAt, issueAt + issueSentence.length(), issueSentence);
        List<CountryTag> countryTags = new ArrayList<>();
        List<PairTag> pairTags = new ArrayList<>();
        if (pair != null) {
            CountryPair p = CountryPair.parse(pair);
            for (String code : pair.split("-")) {
                countryTags.add(new CountryTag(code, 1.0, 1, List.of(placeSpan)));
            }
            pairTags.add(new PairTag(p.toString(), 1.0, List.of(placeSpan)));
        } else {
            countryTags.add(new CountryTag(country, 1.0, 1, List.of(placeSpan)));
        }
        List<IssueTag> issueTags = issues.stream()
                .map(i -> new IssueTag(i, null, 1.0, List.of(issueSpan))).toList();
        return new TaggedArticle(1, articleId, articleId, url, url,
                new SourceRef("dyad-test", "Dyad (test alert)", "test", null, "en"), title, evidence, text, "en",
                List.of(), now, now, ArticleIds.contentHash(title, text), countryTags, pairTags, issueTags,
                "test-alert", now);
    }
}
