package io.dyad.alert.service;

import io.dyad.alert.auth.ApiKeys;
import io.dyad.alert.auth.Caller;
import io.dyad.alert.auth.Role;
import io.dyad.alert.config.AdminConfig;
import io.dyad.alert.model.ApiKey;
import io.dyad.alert.model.User;
import io.dyad.alert.repository.ApiKeyRepository;
import io.dyad.alert.repository.UserRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Accounts and their API keys; turns a presented key into a {@link Caller}. */
@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);
    static final int MIN_ADMIN_KEY_LENGTH = 24;

    @Inject
    UserRepository users;

    @Inject
    ApiKeyRepository keys;

    @Inject
    AdminConfig adminConfig;

    /** SHA-256 of DYAD_ADMIN_API_KEY, or null when no usable admin key is configured. */
    private byte[] adminKeyHash;

    void onStart(@Observes StartupEvent event) {
        Optional<String> key = adminConfig.apiKey().map(String::strip).filter(k -> !k.isEmpty());
        if (key.isEmpty()) {
            LOG.warn("DYAD_ADMIN_API_KEY is not set: no admin can log in, so no users can be created");
        } else if (key.get().length() < MIN_ADMIN_KEY_LENGTH) {
            throw new IllegalStateException("DYAD_ADMIN_API_KEY is too short: use at least " + MIN_ADMIN_KEY_LENGTH
                    + " random characters");
        } else {
            adminKeyHash = ApiKeys.hash(key.get());
        }
    }

    /** The caller a bearer key stands for, or empty for a missing, unknown or revoked key. */
    public Optional<Caller> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        if (adminKeyHash != null && ApiKeys.matches(presented, adminKeyHash)) {
            return Optional.of(new Caller(Caller.ADMIN_USER_ID, Role.ADMIN, Caller.BOOTSTRAP_KEY));
        }
        Optional<String> prefix = ApiKeys.prefixOf(presented);
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        return QuarkusTransaction.joiningExisting().call(() -> keys.findByPrefix(prefix.get())
                .filter(k -> k.revokedAt == null && ApiKeys.matches(presented, k.keyHash))
                .flatMap(k -> Optional.ofNullable(users.findById(k.userId))
                        .map(u -> new Caller(u.id, Role.of(u.role), k.id.toString()))));
    }

    public record IssuedKey(ApiKey stored, String key) {
    }

    public record CreatedUser(User user, IssuedKey key) {
    }

    public CreatedUser createUser(String name, String role) {
        Role r = parseRole(role);
        User u = new User();
        u.id = UUID.randomUUID();
        u.name = name.strip();
        u.role = r.id();
        u.createdAt = now();
        IssuedKey key = QuarkusTransaction.requiringNew().call(() -> {
            users.persist(u);
            return issue(u.id, "initial");
        });
        LOG.infof("User %s (%s) created with key %s…", u.id, u.role, key.stored().prefix);
        return new CreatedUser(u, key);
    }

    public List<User> listUsers() {
        return QuarkusTransaction.joiningExisting().call(users::listOldestFirst);
    }

    public User getUser(String id) {
        UUID uuid = SubscriptionService.parseId(id);
        User u = uuid == null ? null : QuarkusTransaction.joiningExisting().call(() -> users.findById(uuid));
        if (u == null) {
            throw new NotFoundException("no user with id " + id);
        }
        return u;
    }

    public IssuedKey createKey(UUID userId, String name) {
        IssuedKey key = QuarkusTransaction.requiringNew().call(() -> issue(userId, name));
        LOG.infof("API key %s… issued to user %s", key.stored().prefix, userId);
        return key;
    }

    public List<ApiKey> listKeys(UUID userId) {
        return QuarkusTransaction.joiningExisting().call(() -> keys.listForUser(userId));
    }

    /** Revokes one of the user's keys (at once, on every replica: each request reads the key row). */
    public ApiKey revokeKey(UUID userId, String keyId) {
        UUID uuid = SubscriptionService.parseId(keyId);
        ApiKey revoked = uuid == null ? null : QuarkusTransaction.requiringNew().call(() -> {
            ApiKey k = keys.findOwned(userId, uuid).orElse(null);
            if (k != null && k.revokedAt == null) {
                k.revokedAt = now();
            }
            return k;
        });
        if (revoked == null) {
            throw new NotFoundException("no API key with id " + keyId);
        }
        LOG.infof("API key %s… of user %s revoked", revoked.prefix, userId);
        return revoked;
    }

    private IssuedKey issue(UUID userId, String name) {
        ApiKeys.NewKey generated = ApiKeys.generate();
        ApiKey k = new ApiKey();
        k.id = UUID.randomUUID();
        k.userId = userId;
        k.prefix = generated.prefix();
        k.keyHash = ApiKeys.hash(generated.key());
        k.name = name == null || name.isBlank() ? null : name.strip();
        k.createdAt = now();
        keys.persist(k);
        return new IssuedKey(k, generated.key());
    }

    private static Role parseRole(String role) {
        if (role == null || role.isBlank()) {
            return Role.USER;
        }
        try {
            return Role.of(role.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role \"" + role + "\" is not one of: user, admin");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
