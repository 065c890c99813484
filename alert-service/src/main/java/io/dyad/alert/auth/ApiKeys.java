package io.dyad.alert.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Key format {@code dyad_<prefix>_<secret>}: a 12-character random prefix (public, finds the row) and 32 random bytes
 * (base64url). Only the SHA-256 of the whole key is stored; a key is shown once, when it is made.
 */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    static final int PREFIX_LENGTH = 12;

    private ApiKeys() {
    }

    public record NewKey(String prefix, String key) {
    }

    public static NewKey generate() {
        StringBuilder prefix = new StringBuilder(PREFIX_LENGTH);
        for (int i = 0; i < PREFIX_LENGTH; i++) {
            prefix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String p = prefix.toString();
        return new NewKey(p, "dyad_" + p + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The prefix of a key in our format, or empty for anything else (which then matches no stored key). */
    public static Optional<String> prefixOf(String key) {
        if (key == null || !key.startsWith("dyad_") || key.length() < 5 + PREFIX_LENGTH + 2
                || key.charAt(5 + PREFIX_LENGTH) != '_') {
            return Optional.empty();
        }
        return Optional.of(key.substring(5, 5 + PREFIX_LENGTH));
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison, so timing tells nothing about how much of a key matched. */
    public static boolean matches(String key, byte[] storedHash) {
        return MessageDigest.isEqual(hash(key), storedHash);
    }
}
