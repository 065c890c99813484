package io.dyad.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SsrfGuardTest {

    /** Names resolve only through this table, so the test needs no DNS. */
    private static final Map<String, String[]> DNS = Map.of(
            "news.example", new String[] {"93.184.216.34"},
            "intranet.example", new String[] {"10.1.2.3"},
            "mixed.example", new String[] {"93.184.216.34", "192.168.1.10"},
            "v6.example", new String[] {"2606:4700::6810:84e5"},
            "metadata.example", new String[] {"169.254.169.254"});

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] ips = DNS.get(host);
        if (ips == null) {
            // IP literals only: getAllByName never queries DNS for them
            if (!host.matches("[0-9.]+|.*:.*")) {
                throw new UnknownHostException(host);
            }
            return InetAddress.getAllByName(host);
        }
        InetAddress[] out = new InetAddress[ips.length];
        for (int i = 0; i < ips.length; i++) {
            out[i] = InetAddress.getByName(ips[i]);
        }
        return out;
    }

    private final SsrfGuard strict = new SsrfGuard(false, SsrfGuardTest::resolve);

    @ParameterizedTest
    @ValueSource(strings = {"https://news.example/rss.xml", "http://news.example:8080/feed", "http://93.184.216.34/",
            "https://v6.example/atom", "http://[2606:4700::6810:84e5]/"})
    void publicAddressesPass(String url) {
        assertThatCode(() -> strict.check(URI.create(url))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({
            "http://127.0.0.1/, loopback",
            "http://127.8.9.10:8081/, loopback",
            "http://[::1]/, loopback",
            "http://10.0.0.5/, private",
            "http://172.16.4.4/, private",
            "http://172.31.255.255/, private",
            "http://192.168.0.1/, private",
            "http://[fd12:3456::1]/, private",
            "http://169.254.10.10/, link-local",
            "http://[fe80::1]/, link-local",
            "http://169.254.169.254/latest/meta-data/, cloud metadata",
            "http://[fd00:ec2::254]/, cloud metadata",
            "http://100.100.100.200/, cloud metadata",
            "http://100.64.1.1/, carrier-grade NAT",
            "http://224.0.0.251/, multicast",
            "http://[ff02::1]/, multicast",
            "http://0.0.0.0/, unspecified",
            "http://[::]/, unspecified",
            "http://[::ffff:10.0.0.1]/, private",
            "http://[64:ff9b::a00:1]/, private",
            "http://[2002:7f00:1::]/, loopback",
            "http://240.1.2.3/, reserved",
            "http://intranet.example/feed, private",
            "http://mixed.example/feed, private",
            "http://metadata.example/, cloud metadata"})
    void internalAddressesAreRefused(String url, String kind) {
        assertThatThrownBy(() -> strict.check(URI.create(url)))
                .isInstanceOf(UrlRefusedException.class)
                .hasMessageContaining("a " + kind + " address");
    }

    @Test
    void aNameOfTheMachineItselfIsRefused() {
        SsrfGuard withRealResolver = new SsrfGuard(false, InetAddress::getAllByName);
        assertThatThrownBy(() -> withRealResolver.check(URI.create("http://localhost:8081/sources")))
                .isInstanceOf(UrlRefusedException.class)
                .hasMessageContaining("loopback");
    }

    @ParameterizedTest
    @CsvSource({
            "ftp://news.example/feed, only absolute http and https URLs are allowed",
            "file:///etc/passwd, only absolute http and https URLs are allowed",
            "gopher://news.example/, only absolute http and https URLs are allowed",
            "/relative/feed.xml, only absolute http and https URLs are allowed",
            "http://user:secret@news.example/, URLs with a user name or password are not allowed",
            "http://unknown.example/, the host unknown.example cannot be resolved"})
    void otherUrlsAreRefusedWithAReason(String url, String reason) {
        assertThatThrownBy(() -> strict.check(URI.create(url)))
                .isInstanceOf(UrlRefusedException.class)
                .hasMessage(reason);
    }

    @Test
    void allowingThePrivateNetworkLetsLocalPeersThroughButStillNeedsHttp() {
        SsrfGuard lenient = new SsrfGuard(true, host -> {
            throw new AssertionError("no lookup needed when private networks are allowed");
        });
        assertThatCode(() -> lenient.check(URI.create("http://127.0.0.1:8089/feed.xml"))).doesNotThrowAnyException();
        assertThatCode(() -> lenient.check(URI.create("http://10.0.0.5/"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> lenient.check(URI.create("file:///etc/passwd")))
                .isInstanceOf(UrlRefusedException.class);
    }

    @Test
    void cloudMetadataIsRefusedEvenWhenPrivateNetworksAreAllowed() throws Exception {
        SsrfGuard lenient = new SsrfGuard(true, SsrfGuardTest::resolve);
        for (String url : new String[] {"http://169.254.169.254/latest/", "http://[fd00:ec2::254]/",
                "http://100.100.100.200/", "http://[::ffff:169.254.169.254]/", "http://[::ffff:a9fe:a9fe]/"}) {
            assertThatThrownBy(() -> lenient.check(URI.create(url)))
                    .as(url)
                    .isInstanceOf(UrlRefusedException.class)
                    .hasMessageContaining("cloud metadata");
        }
        // a name is only looked up when connecting; the answer is checked there
        assertThatCode(() -> lenient.check(URI.create("http://metadata.example/"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> lenient.addressesToConnect("metadata.example"))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("cloud metadata");
        assertThat(lenient.addressesToConnect("intranet.example")).extracting(InetAddress::getHostAddress)
                .containsExactly("10.1.2.3");
    }

    @Test
    void theAddressesToConnectAreTheCheckedOnes() throws Exception {
        assertThat(strict.addressesToConnect("news.example")).extracting(InetAddress::getHostAddress)
                .containsExactly("93.184.216.34");
        assertThatThrownBy(() -> strict.addressesToConnect("mixed.example"))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("192.168.1.10, a private address");
        assertThatThrownBy(() -> strict.addressesToConnect("::ffff:127.0.0.1"))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> strict.addressesToConnect("fe80::1%1"))
                .isInstanceOf(UnknownHostException.class);
    }

    @Test
    void addressKindsAreNamed() throws Exception {
        assertThat(SsrfGuard.blockedReason(InetAddress.getByName("8.8.8.8"))).isNull();
        assertThat(SsrfGuard.blockedReason(InetAddress.getByName("198.18.0.1"))).isEqualTo("reserved");
        assertThat(SsrfGuard.blockedReason(InetAddress.getByName("192.0.0.8"))).isEqualTo("reserved");
        assertThat(SsrfGuard.blockedReason(InetAddress.getByName("172.32.0.1"))).isNull();
        assertThat(SsrfGuard.blockedReason(InetAddress.getByName("100.128.0.1"))).isNull();
    }
}
