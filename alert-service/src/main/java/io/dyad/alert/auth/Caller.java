package io.dyad.alert.auth;

import java.util.UUID;

/**
 * Who sent the request: the account that owns what it creates and sees, and the key used (the rate-limit bucket).
 *
 * @param keyId the stored key's id, or {@link #BOOTSTRAP_KEY} for the operators' key from the configuration
 */
public record Caller(UUID userId, Role role, String keyId) {

    public static final UUID ADMIN_USER_ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    public static final String BOOTSTRAP_KEY = "bootstrap";

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean usesBootstrapKey() {
        return BOOTSTRAP_KEY.equals(keyId);
    }
}
