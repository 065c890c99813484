package io.dyad.ingest.websub;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Hub-Signature: method=hex} of WebSub content distribution: an HMAC of the exact body with the
 * subscription's secret (sha1, sha256, sha384 or sha512), compared in constant time. Pure.
 */
public final class WebSubSignature {

    private static final Map<String, String> ALGORITHMS = Map.of("sha1", "HmacSHA1", "sha256", "HmacSHA256",
            "sha384", "HmacSHA384", "sha512", "HmacSHA512");

    private WebSubSignature() {
    }

    public static boolean valid(String header, byte[] body, String secret) {
        if (header == null || secret == null) {
            return false;
        }
        int eq = header.indexOf('=');
        if (eq <= 0) {
            return false;
        }
        String algorithm = ALGORITHMS.get(header.substring(0, eq).trim().toLowerCase(Locale.ROOT));
        if (algorithm == null) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(eq + 1).trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(algorithm, secret, body), given);
    }

    /** The header value a hub would send (for tests and documentation). */
    public static String sign(String method, byte[] body, String secret) {
        return method + "=" + HexFormat.of().formatHex(hmac(ALGORITHMS.get(method), secret, body));
    }

    private static byte[] hmac(String algorithm, String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC unavailable: " + algorithm, e);
        }
    }
}
