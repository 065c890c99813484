package io.dyad.alert.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void keysAreRandomAndCarryTheirPrefix() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ApiKeys.NewKey k = ApiKeys.generate();
            assertThat(k.key()).matches("dyad_[a-z2-9]{12}_[A-Za-z0-9_-]{43}");
            assertThat(ApiKeys.prefixOf(k.key())).contains(k.prefix());
            assertThat(seen.add(k.key())).isTrue();
        }
    }

    @Test
    void foreignStringsHaveNoPrefix() {
        assertThat(ApiKeys.prefixOf(null)).isEmpty();
        assertThat(ApiKeys.prefixOf("dyad_admin_0123")).isEmpty();
        assertThat(ApiKeys.prefixOf("sk_live_abcdefghijklmnop")).isEmpty();
        assertThat(ApiKeys.prefixOf("dyad_abcdefghijkm")).isEmpty();
    }

    @Test
    void matchesComparesHashes() {
        ApiKeys.NewKey k = ApiKeys.generate();
        byte[] stored = ApiKeys.hash(k.key());
        assertThat(ApiKeys.matches(k.key(), stored)).isTrue();
        assertThat(ApiKeys.matches(k.key() + "x", stored)).isFalse();
    }

    @Test
    void bearerHeaderParsing() {
        assertThat(AuthFilter.bearerKey("Bearer abc")).isEqualTo("abc");
        assertThat(AuthFilter.bearerKey("bearer  abc ")).isEqualTo("abc");
        assertThat(AuthFilter.bearerKey("Basic abc")).isNull();
        assertThat(AuthFilter.bearerKey("Bearer ")).isNull();
        assertThat(AuthFilter.bearerKey(null)).isNull();
    }
}
