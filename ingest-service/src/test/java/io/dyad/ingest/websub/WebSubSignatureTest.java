package io.dyad.ingest.websub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebSubSignatureTest {

    private static final byte[] BODY = "<feed/>".getBytes(StandardCharsets.UTF_8);

    @Test
    void everyMethodOfTheSpecIsCheckedAgainstTheSecret() {
        for (String method : new String[] {"sha1", "sha256", "sha384", "sha512"}) {
            String header = WebSubSignature.sign(method, BODY, "s3cret");
            assertThat(WebSubSignature.valid(header, BODY, "s3cret")).as(method).isTrue();
            assertThat(WebSubSignature.valid(header, BODY, "other")).as(method).isFalse();
            assertThat(WebSubSignature.valid(header, "<feed></feed>".getBytes(StandardCharsets.UTF_8), "s3cret"))
                    .as(method).isFalse();
        }
        // a known HMAC-SHA256 value, computed independently: printf '<feed/>' | openssl dgst -sha256 -hmac s3cret
        assertThat(WebSubSignature.sign("sha256", BODY, "s3cret")).isEqualTo("sha256=" + OPENSSL_SHA256);
    }

    @Test
    void malformedHeadersAreInvalid() {
        assertThat(WebSubSignature.valid(null, BODY, "s")).isFalse();
        assertThat(WebSubSignature.valid("sha256", BODY, "s")).isFalse();
        assertThat(WebSubSignature.valid("md5=abcd", BODY, "s")).isFalse();
        assertThat(WebSubSignature.valid("sha256=zz", BODY, "s")).isFalse();
        assertThat(WebSubSignature.valid("sha256=", BODY, "s")).isFalse();
    }

    private static final String OPENSSL_SHA256 = "1b9591b5322baa7463554820f41fe27e650c767e2fbc4a934c5aa90e9cc27c7c";
}
