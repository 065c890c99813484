package io.dyad.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dyad.alert.egress.HostResolver;
import io.dyad.alert.egress.SsrfGuard;
import io.dyad.alert.model.ChannelType;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionValidatorTest {

    private static final HostResolver DNS = host -> new InetAddress[] {InetAddress.getByName(
            host.equals("hooks.example.com") ? "93.184.215.14" : host)};
    private final SubscriptionValidator validator = new SubscriptionValidator(new SsrfGuard(false, DNS));

    private static SubscriptionDraft draft(List<String> pairs, List<String> countries, List<String> issues) {
        return new SubscriptionDraft("US-Mexico", pairs, countries, issues, "webhook", "https://hooks.example.com/x");
    }

    @Test
    void putsTheFilterInCanonicalForm() {
        ValidSubscription valid = validator.validate(new SubscriptionDraft("  US–Mexico trade ",
                List.of("US-MX", "mx-us", "CN-US"), List.of("br"), List.of("Trade", "migration", "trade"),
                "Webhook", " https://hooks.example.com/x "));

        assertThat(valid.name()).isEqualTo("US–Mexico trade");
        assertThat(valid.pairs()).containsExactly("CN-US", "MX-US");
        assertThat(valid.countries()).containsExactly("BR");
        assertThat(valid.issues()).containsExactly("migration", "trade");
        assertThat(valid.channelType()).isEqualTo(ChannelType.WEBHOOK);
        assertThat(valid.channelUrl()).isEqualTo("https://hooks.example.com/x");
    }

    @Test
    void saysWhatIsWrong() {
        assertThatThrownBy(() -> validator.validate(draft(List.of("XX-US"), null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("filter.pairs: \"XX\" is not an ISO 3166-1 alpha-2 country code");
        assertThatThrownBy(() -> validator.validate(draft(List.of("US-US"), null, null)))
                .hasMessage("filter.pairs: pair \"US-US\" names the same country twice");
        assertThatThrownBy(() -> validator.validate(draft(List.of("USMX"), null, null)))
                .hasMessageContaining("must be two ISO 3166-1 alpha-2 codes");
        assertThatThrownBy(() -> validator.validate(draft(null, List.of("ZZ"), null)))
                .hasMessage("filter.countries: \"ZZ\" is not an ISO 3166-1 alpha-2 country code");
        assertThatThrownBy(() -> validator.validate(draft(List.of("MX-US"), null, List.of("weather"))))
                .hasMessageStartingWith("filter.issues: \"weather\" is not an issue id; known issue ids: trade, ");
        assertThatThrownBy(() -> validator.validate(draft(List.of(), List.of(), List.of())))
                .hasMessageStartingWith("filter needs at least one pair");
        // issues alone are a filter now ("all trade news")
        assertThat(validator.validate(draft(List.of(), List.of(), List.of("Trade"))).issues())
                .containsExactly("trade");
        assertThatThrownBy(() -> validator.validate(draft(Arrays.asList("MX-US", null), null, null)))
                .hasMessage("filter.pairs must not contain null");
    }

    @Test
    void emailChannelsTakeANormalisedAddressAndNoUrl() {
        ValidSubscription valid = validator.validate(new SubscriptionDraft("n", List.of("MX-US"), null, null, "Email",
                "https://ignored.example.com/", " Ana.Perez+alerts@Example.ORG "));
        assertThat(valid.channelType()).isEqualTo(io.dyad.alert.model.ChannelType.EMAIL);
        assertThat(valid.channelAddress()).isEqualTo("Ana.Perez+alerts@example.org");
        assertThat(valid.channelUrl()).isNull();
        assertThatThrownBy(() -> validator.validate(new SubscriptionDraft("n", List.of("MX-US"), null, null, "email",
                null, "ana@example.org>\r\nBcc: x@example.org")))
                .hasMessageStartingWith("channel.address \"ana@example.org>??Bcc: x@example.org\" is not an e-mail");
    }

    @Test
    void refusesOtherChannelsAndUnsafeUrls() {
        assertThatThrownBy(() -> validator.validate(new SubscriptionDraft("n", List.of("MX-US"), null, null, "sms",
                "tel:+15550100")))
                .hasMessage("channel type \"sms\" is not supported; supported channel types: webhook, slack, email");
        assertThat(validator.validate(new SubscriptionDraft("n", List.of("MX-US"), null, null, "Slack",
                "https://hooks.example.com/services/T/B/X")).channelType()).isEqualTo(ChannelType.SLACK);
        assertThatThrownBy(() -> validator.validate(new SubscriptionDraft("n", List.of("MX-US"), null, null, "slack",
                "http://hooks.example.com/services/T/B/X"))).hasMessage("channel.url must use https");
        assertThatThrownBy(() -> validator.validate(new SubscriptionDraft("n", List.of("MX-US"), null, null,
                "webhook", "http://10.0.0.5/hook")))
                .hasMessageStartingWith("channel.url is refused: host \"10.0.0.5\" resolves to 10.0.0.5, a private");
        assertThatThrownBy(() -> validator.validate(new SubscriptionDraft("n", List.of("MX-US"), null, null,
                "webhook", null))).hasMessage("channel.url is required");
        // production: https only
        assertThatThrownBy(() -> validator.validate(new SubscriptionDraft("n", List.of("MX-US"), null, null,
                "webhook", "http://hooks.example.com/x"))).hasMessage("channel.url must use https");
        assertThatThrownBy(() -> validator.validate(new SubscriptionDraft(" ", List.of("MX-US"), null, null,
                "webhook", "https://hooks.example.com/x"))).hasMessage("name is required");
    }

    private static SubscriptionDraft rich(String countryMode, String query, List<String> languages,
            List<String> sources, Double minScore, List<String> countries) {
        return new SubscriptionDraft("rich", null, countries, null, "webhook", "https://hooks.example.com/x", null,
                countryMode, query, languages, sources, minScore);
    }

    @Test
    void richFiltersAreCheckedAndCanonical() {
        ValidSubscription valid = validator.validate(rich("ALL", "  tariff* AND title:steel ", List.of("ES", "en"),
                List.of(" Example Wire ", "src-1"), 0.5, List.of("us", "MX")));
        assertThat(valid.countryMode()).isEqualTo(io.dyad.alert.matching.CountryMode.ALL);
        assertThat(valid.query()).isEqualTo("tariff* AND title:steel");
        assertThat(valid.languages()).containsExactly("en", "es");
        assertThat(valid.sources()).containsExactly("example wire", "src-1");
        assertThat(valid.minScore()).isEqualTo(0.5);
        // a keyword query alone is a filter
        assertThat(validator.validate(rich(null, "steel", null, null, null, null)).query()).isEqualTo("steel");

        assertThatThrownBy(() -> validator.validate(rich("most", null, null, null, null, List.of("US", "MX"))))
                .hasMessage("filter.countryMode \"most\" is not one of: any, all");
        assertThatThrownBy(() -> validator.validate(rich("all", null, null, null, null, List.of("US"))))
                .hasMessage("filter.countryMode \"all\" needs at least two countries in filter.countries");
        assertThatThrownBy(() -> validator.validate(rich(null, "steel AND (tariff", null, null, null, null)))
                .hasMessageStartingWith("filter.query cannot be parsed: Cannot parse 'steel AND (tariff'");
        assertThatThrownBy(() -> validator.validate(rich(null, "body:steel", null, null, null, null)))
                .hasMessageStartingWith("filter.query unknown field body;");
        assertThatThrownBy(() -> validator.validate(rich(null, "steel", List.of("english"), null, null, null)))
                .hasMessage("filter.languages: \"english\" is not an ISO 639-1 language code (e.g. en, es)");
        assertThatThrownBy(() -> validator.validate(rich(null, "steel", null, List.of(" "), null, null)))
                .hasMessageStartingWith("filter.sources: a source must be a source id or name of 1 to 200");
        assertThatThrownBy(() -> validator.validate(rich(null, "steel", null, null, 1.5, null)))
                .hasMessage("filter.minScore must be between 0 and 1 (tag scores are 0…1)");
    }
}
