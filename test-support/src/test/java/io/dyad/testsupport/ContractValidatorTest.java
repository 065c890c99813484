package io.dyad.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContractValidatorTest {

    static final String RAW = """
            {"schemaVersion":1,"articleId":"0123456789abcdef0123456789abcdef",
             "storyId":"0123456789abcdef0123456789abcdef","url":"https://example.com/a",
             "canonicalUrl":"https://example.com/a","source":{"id":"1","name":"Example","type":"rss"},
             "title":"T","summary":"","text":"Body","authors":[],"fetchedAt":"2026-11-27T10:00:00Z",
             "contentHash":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}""";

    @Test
    void acceptsAValidRawArticle() {
        assertThat(ContractValidator.violations(ContractValidator.RAW_ARTICLE, RAW)).isEmpty();
    }

    @Test
    void reportsMissingFieldsAndBadValues() {
        String bad = RAW.replace("\"schemaVersion\":1", "\"schemaVersion\":2").replace("\"title\":\"T\",", "");
        assertThat(ContractValidator.violations(ContractValidator.RAW_ARTICLE, bad))
                .anyMatch(m -> m.contains("title")).anyMatch(m -> m.contains("schemaVersion"));
    }

    @Test
    void taggedArticleIncludesTheRawFieldsAndTags() {
        String tagged = RAW.substring(0, RAW.lastIndexOf('}')) + """
                ,"countries":[{"code":"MX","score":0.9,"mentions":3,"evidence":[{"field":"title","start":0,"end":6,"text":"Mexico"}]}],
                 "pairs":[{"pair":"MX-US","score":0.8,"evidence":[]}],
                 "issues":[{"id":"trade","iptc":"medtop:20000344","score":0.7,"evidence":[]}],
                 "classifierVersion":"test","classifiedAt":"2026-11-27T10:00:01Z"}""";
        assertThat(ContractValidator.violations(ContractValidator.TAGGED_ARTICLE, tagged)).isEmpty();
        assertThat(ContractValidator.violations(ContractValidator.TAGGED_ARTICLE, RAW))
                .anyMatch(m -> m.contains("countries"));
        assertThat(ContractValidator.violations(ContractValidator.TAGGED_ARTICLE, tagged.replace("MX-US", "MXUS")))
                .isNotEmpty();
    }
}
