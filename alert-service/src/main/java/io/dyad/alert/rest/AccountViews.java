package io.dyad.alert.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dyad.alert.model.ApiKey;
import io.dyad.alert.model.User;
import io.dyad.alert.service.AccountService;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the account routes. The key itself appears only in the answer that creates it. */
public final class AccountViews {

    private AccountViews() {
    }

    /** {@code POST /users}; role {@code user} (default) or {@code admin}. */
    public record UserRequest(@NotBlank @Size(max = 200) @Schema(examples = "Ana") String name,
            @Schema(examples = "user") String role) {
    }

    public record KeyRequest(@Size(max = 200) @Schema(examples = "ci") String name) {
    }

    public record UserView(UUID id, String name, String role, Instant createdAt) {
        static UserView of(User u) {
            return new UserView(u.id, u.name, u.role, u.createdAt);
        }
    }

    /** A stored key: its public prefix only. */
    public record KeyView(UUID id, String prefix, String name, Instant createdAt, Instant revokedAt) {
        static KeyView of(ApiKey k) {
            return new KeyView(k.id, k.prefix, k.name, k.createdAt, k.revokedAt);
        }
    }

    /** A key just made: the only answer that carries {@code key}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NewKeyView(UUID id, String prefix, String name, Instant createdAt, String key) {
        static NewKeyView of(AccountService.IssuedKey k) {
            return new NewKeyView(k.stored().id, k.stored().prefix, k.stored().name, k.stored().createdAt, k.key());
        }
    }

    public record CreatedUserView(UUID id, String name, String role, Instant createdAt, NewKeyView apiKey) {
        static CreatedUserView of(AccountService.CreatedUser c) {
            return new CreatedUserView(c.user().id, c.user().name, c.user().role, c.user().createdAt,
                    NewKeyView.of(c.key()));
        }
    }
}
