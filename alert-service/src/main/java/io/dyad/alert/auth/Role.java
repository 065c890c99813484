package io.dyad.alert.auth;

import java.util.Locale;

public enum Role {
    ADMIN, USER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
