package io.dyad.alert.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsrfGuardTest {

    /** A fixed DNS: names map to literal addresses, so no test depends on the network. */
    private static final HostResolver DNS = host -> {
        Map<String, String> table = Map.of("hooks.example.com", "93.184.215.14", "internal.example.com", "10.1.2.3",
                "rebind.example.com", "8.8.8.8,127.0.0.1");
        String entry = table.get(host);
        if (entry == null) {
            if (host.matches("[0-9.]+|.*:.*")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        String[] parts = entry.split(",");
        InetAddress[] out = new InetAddress[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = InetAddress.getByName(parts[i]);
        }
        return out;
    };

    private final SsrfGuard strict = new SsrfGuard(false, DNS);
    private final SsrfGuard lenient = new SsrfGuard(true, DNS);

    @Test
    void allowsPublicHttpAndHttps() throws Exception {
        assertThat(strict.check("https://hooks.example.com/services/T1/B2/secret").getHost())
                .isEqualTo("hooks.example.com");
        assertThat(strict.check("http://93.184.215.14:8080/hook")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/x", "http://127.8.9.10/x", "http://10.0.0.1/", "http://172.16.5.4/",
            "http://172.31.255.255/", "http://192.168.1.1/", "http://169.254.10.10/", "http://100.64.0.1/",
            "http://100.127.255.254/", "http://[::1]/", "http://[fe80::1]/", "http://[fc00::1]/", "http://[fd12::1]/",
            "http://[::ffff:10.0.0.1]/", "http://[64:ff9b::a00:1]/", "http://internal.example.com/hook",
            "http://rebind.example.com/hook", "http://198.18.0.1/", "http://192.0.0.8/"})
    void refusesInternalAddressesUnlessAllowed(String url) throws Exception {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(UnsafeUrlException.class)
                .hasMessageContaining("resolves to").hasMessageContaining("private networks are not allowed");
        assertThat(lenient.check(url)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://100.100.100.200/",
            "http://[fd00:ec2::254]/", "http://0.0.0.0/", "http://0.1.2.3/", "http://[::]/", "http://224.0.0.1/",
            "http://[ff02::1]/", "http://255.255.255.255/", "http://240.0.0.1/", "http://[::ffff:169.254.169.254]/"})
    void refusesMetadataUnspecifiedMulticastAndReservedAlways(String url) {
        assertThatThrownBy(() -> lenient.check(url)).isInstanceOf(UnsafeUrlException.class)
                .hasMessageContaining("resolves to");
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(UnsafeUrlException.class);
    }

    @Test
    void refusesOtherSchemesRelativeUrlsCredentialsAndJunk() {
        assertThatThrownBy(() -> strict.check("ftp://hooks.example.com/x"))
                .hasMessage("only http and https URLs are allowed, not ftp");
        assertThatThrownBy(() -> strict.check("file:///etc/passwd")).hasMessageContaining("not file");
        assertThatThrownBy(() -> strict.check("/hooks/relative")).hasMessageContaining("must be absolute");
        assertThatThrownBy(() -> strict.check("https://user:pw@hooks.example.com/x"))
                .hasMessageContaining("credentials");
        assertThatThrownBy(() -> strict.check("http://exa mple.com/")).hasMessageContaining("not a valid URL");
        assertThatThrownBy(() -> strict.check("https:///nohost")).hasMessageContaining("no valid host");
        assertThatThrownBy(() -> strict.check(" ")).hasMessage("a URL is required");
        assertThatThrownBy(() -> strict.check("https://hooks.example.com/" + "a".repeat(3000)))
                .hasMessageContaining("longer than");
    }

    @Test
    void refusesHostsThatDoNotResolve() {
        assertThatThrownBy(() -> strict.check("https://no-such-host.invalid/x"))
                .hasMessage("host \"no-such-host.invalid\" cannot be resolved");
    }

    @Test
    void redactsEverythingButSchemeHostAndPort() {
        assertThat(Urls.redact("https://hooks.slack.com/services/T000/B000/XXXX?x=1"))
                .isEqualTo("https://hooks.slack.com/…");
        assertThat(Urls.redact("http://127.0.0.1:8089/webhook")).isEqualTo("http://127.0.0.1:8089/…");
        assertThat(Urls.redact("not a url")).isEqualTo("…");
    }

    @Test
    void checksEveryResolvedAddress() {
        assertThatThrownBy(() -> strict.check("http://rebind.example.com/"))
                .hasMessageContaining("127.0.0.1").hasMessageContaining("loopback");
    }
}
