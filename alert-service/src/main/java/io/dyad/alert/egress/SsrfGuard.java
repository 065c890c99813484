package io.dyad.alert.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Guards every outbound URL against server-side request forgery: only absolute http(s) URLs without credentials,
 * and every address the host resolves to must be public. Loopback, private (RFC 1918, IPv6 ULA), link-local and
 * CGNAT addresses are refused unless private networks are allowed (tests, dev, the local demo); unspecified,
 * multicast, broadcast, reserved and cloud-metadata addresses are refused always — no webhook lives there.
 * <p>
 * The URL is checked when a subscription is created; at send time the HTTP client resolves the host only through
 * {@link #addressesToConnect}, so what was checked is what is connected to.
 */
public final class SsrfGuard {

    public static final int MAX_URL_LENGTH = 2048;

    private final boolean allowPrivateNetwork;
    private final HostResolver resolver;

    public SsrfGuard(boolean allowPrivateNetwork, HostResolver resolver) {
        this.allowPrivateNetwork = allowPrivateNetwork;
        this.resolver = resolver;
    }

    public boolean allowsPrivateNetwork() {
        return allowPrivateNetwork;
    }

    /** The parsed URL when it is safe to call; otherwise {@link UnsafeUrlException} saying why. */
    public URI check(String url) throws UnsafeUrlException {
        URI uri = parse(url);
        try {
            addressesToConnect(uri.getHost());
        } catch (RefusedAddressException e) {
            throw new UnsafeUrlException(e.getMessage());
        } catch (UnknownHostException e) {
            throw new UnsafeUrlException("host \"" + uri.getHost() + "\" cannot be resolved");
        }
        return uri;
    }

    /**
     * Resolves {@code host} for a connection and returns its addresses only when every one is allowed: the HTTP
     * client's DNS step ({@link GuardedHttpClient}), so the addresses checked here are the only ones a socket is
     * opened to, and a name that answers a public address first and a private one later (DNS rebinding) is refused.
     *
     * @throws RefusedAddressException when the host resolves to an address that must not be reached
     * @throws UnknownHostException when the host cannot be resolved
     */
    public InetAddress[] addressesToConnect(String host) throws UnknownHostException {
        String bare = stripBrackets(host);
        InetAddress[] addresses = resolver.resolve(bare);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException("host \"" + host + "\" cannot be resolved");
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(address);
            if (refusal.isPresent()) {
                throw new RefusedAddressException("host \"" + host + "\" resolves to " + address.getHostAddress()
                        + ", " + refusal.get());
            }
        }
        return addresses;
    }

    /** Syntax only: an absolute http(s) URL with a host, no user info, not too long. */
    public static URI parse(String url) throws UnsafeUrlException {
        if (url == null || url.isBlank()) {
            throw new UnsafeUrlException("a URL is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new UnsafeUrlException("the URL is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new UnsafeUrlException("not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UnsafeUrlException("only http and https URLs are allowed"
                    + (scheme.isEmpty() ? " (the URL must be absolute)" : ", not " + scheme));
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new UnsafeUrlException("the URL has no valid host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UnsafeUrlException("credentials in the URL (user@host) are not supported");
        }
        return uri;
    }

    /** Why a connection to {@code address} is refused under this guard's policy, or empty when it is allowed. */
    public Optional<String> refusal(InetAddress address) {
        Optional<String> always = alwaysRefused(address);
        if (always.isPresent()) {
            return always;
        }
        Optional<String> internal = internal(address);
        if (internal.isPresent() && !allowPrivateNetwork) {
            return Optional.of(internal.get() + " (private networks are not allowed)");
        }
        return Optional.empty();
    }

    private static Optional<String> alwaysRefused(InetAddress address) {
        InetAddress a = embeddedIpv4(address).orElse(address);
        byte[] b = a.getAddress();
        if (a.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 169 && second == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254
                    || first == 100 && second == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200) {
                return Optional.of("a cloud metadata address");
            }
            if (first == 0) {
                return Optional.of("an unspecified (\"this network\") address");
            }
            if (first >= 240) {
                return Optional.of("a reserved or broadcast address");
            }
        } else if (isAwsIpv6Metadata(b)) {
            return Optional.of("a cloud metadata address");
        }
        return Optional.empty();
    }

    private static Optional<String> internal(InetAddress address) {
        InetAddress a = embeddedIpv4(address).orElse(address);
        byte[] b = a.getAddress();
        if (a.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 10 || first == 172 && (second & 0xf0) == 16 || first == 192 && second == 168) {
                return Optional.of("a private address");
            }
            if (first == 100 && (second & 0xc0) == 64) {
                return Optional.of("a carrier-grade NAT address");
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0 || first == 198 && (second & 0xfe) == 18) {
                return Optional.of("a special-purpose address");
            }
        } else if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("a private (unique local) address");
        } else if (a.isSiteLocalAddress()) {
            return Optional.of("a site-local address");
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-compatible, IPv4-mapped or NAT64 (64:ff9b::/96) IPv6 address. */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean compatible = zeroPrefix && (b[10] == 0 && b[11] == 0 || b[10] == (byte) 0xff && b[11] == (byte) 0xff);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (!compatible && !nat64) {
            return Optional.empty();
        }
        boolean loopbackOrAny = compatible && b[10] == 0 && b[12] == 0 && b[13] == 0 && b[14] == 0
                && (b[15] == 0 || b[15] == 1);
        if (loopbackOrAny) {
            return Optional.empty(); // "::" and "::1" are IPv6's own unspecified and loopback addresses
        }
        try {
            return Optional.of(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isAwsIpv6Metadata(byte[] b) {
        // fd00:ec2::254
        if (b.length != 16 || (b[0] & 0xff) != 0xfd || b[1] != 0 || (b[2] & 0xff) != 0x0e || (b[3] & 0xff) != 0xc2) {
            return false;
        }
        for (int i = 4; i < 14; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[14] == 0x02 && b[15] == 0x54;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
