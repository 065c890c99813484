package io.dyad.ingest.fetch;

import io.dyad.ingest.config.EgressConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Refuses outbound URLs that could reach the service's own network: anything but http(s), URLs with credentials,
 * and hosts resolving to loopback, private, link-local, carrier-grade NAT, multicast, unspecified, reserved or cloud
 * metadata addresses. Every address a name resolves to must pass, so a name with one public and one private address
 * is refused. The same check runs again inside the HTTP client's DNS step ({@link #addressesToConnect}), whose
 * answer is the only thing the client connects to: a name that resolves to a public address when the URL is checked
 * and to a private one a moment later (DNS rebinding) is refused at connect time.
 * {@code dyad.egress.allow-private=true} (tests, local demo) lifts the checks except for cloud metadata addresses,
 * which are never a news source.
 */
@Singleton
public class SsrfGuard implements UrlGuard {

    /** Looks up every address of a host name; a seam for tests, {@link InetAddress#getAllByName} in the service. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    @Inject
    public SsrfGuard(EgressConfig config) {
        this(config.allowPrivate(), InetAddress::getAllByName);
    }

    public SsrfGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    @Override
    public void check(URI uri) {
        if (uri == null) {
            throw new UrlRefusedException("the URL is missing");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UrlRefusedException("only absolute http and https URLs are allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new UrlRefusedException("the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UrlRefusedException("URLs with a user name or password are not allowed");
        }
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (allowPrivate) {
            // no lookup here (local peers may have names only the test knows); literal metadata addresses still fail
            InetAddress literal = literalAddress(bareHost);
            if (literal != null && isCloudMetadata(literal)) {
                throw refused(host, literal, "cloud metadata");
            }
            return;
        }
        try {
            addressesToConnect(bareHost);
        } catch (RefusedAddressException e) {
            throw new UrlRefusedException(e.getMessage());
        } catch (UnknownHostException e) {
            throw new UrlRefusedException("the host " + host + " cannot be resolved");
        }
    }

    @Override
    public InetAddress[] addressesToConnect(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            String reason = allowPrivate ? (isCloudMetadata(address) ? "cloud metadata" : null) : blockedReason(address);
            if (reason != null) {
                throw new RefusedAddressException(refused(host, address, reason).getMessage());
            }
        }
        return addresses;
    }

    private static UrlRefusedException refused(String host, InetAddress address, String reason) {
        return new UrlRefusedException("the host " + host + " resolves to " + address.getHostAddress() + ", a "
                + reason + " address; requests to internal networks are not allowed");
    }

    /** The address an IP literal stands for, or null for a host name (never a DNS lookup). */
    private static InetAddress literalAddress(String host) {
        boolean ipLike = host.contains(":") || host.matches("[0-9.]+");
        if (!ipLike) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static boolean isCloudMetadata(InetAddress address) {
        return "cloud metadata".equals(blockedReason(address));
    }

    /** Why an address is refused, or null when it is a public unicast address. */
    static String blockedReason(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return blockedIpv4(b);
        }
        if (address instanceof Inet6Address) {
            return blockedIpv6(b);
        }
        return "unknown kind of";
    }

    private static String blockedIpv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        int a3 = b[3] & 0xff;
        if (a0 == 169 && a1 == 254 && a2 == 169 && a3 == 254) {
            return "cloud metadata";
        }
        if (a0 == 100 && a1 == 100 && a2 == 100 && a3 == 200) {
            return "cloud metadata";
        }
        if (a0 == 0) {
            return "unspecified";
        }
        if (a0 == 127) {
            return "loopback";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return "private";
        }
        if (a0 == 169 && a1 == 254) {
            return "link-local";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "carrier-grade NAT";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "multicast";
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return "reserved";
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return "reserved";
        }
        if (a0 >= 240) {
            return "reserved";
        }
        return null;
    }

    private static String blockedIpv6(byte[] b) {
        if ((b[0] & 0xfe) == 0xfc) {
            return isAwsMetadataV6(b) ? "cloud metadata" : "private";
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return "link-local";
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return "private";
        }
        if ((b[0] & 0xff) == 0xff) {
            return "multicast";
        }
        // IPv6 forms that carry an IPv4 address: check the embedded one.
        if (allZero(b, 0, 12)) { // ::a.b.c.d (compatible) and ::
            return allZero(b, 12, 16) ? "unspecified" : blockedIpv4(Arrays.copyOfRange(b, 12, 16));
        }
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) { // ::ffff:a.b.c.d
            return blockedIpv4(Arrays.copyOfRange(b, 12, 16));
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12)) { // NAT64 64:ff9b::/96
            return blockedIpv4(Arrays.copyOfRange(b, 12, 16));
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) { // 6to4 2002::/16
            return blockedIpv4(Arrays.copyOfRange(b, 2, 6));
        }
        return null;
    }

    private static boolean isAwsMetadataV6(byte[] b) {
        // fd00:ec2::254
        return (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
                && allZero(b, 4, 14) && b[14] == 0x02 && (b[15] & 0xff) == 0x54;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
