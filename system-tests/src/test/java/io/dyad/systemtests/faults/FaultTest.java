package io.dyad.systemtests.faults;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A fault test class: one {@link FaultSystem} for all its tests (made in the subclass's {@code @BeforeAll}), torn
 * down at the end; each test's {@link #subscriptions} are deleted after it, so the next test counts its own only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FaultTest {

    FaultSystem system;
    final List<Subscription> subscriptions = new ArrayList<>();

    @AfterEach
    void unsubscribe() {
        if (system != null) {
            system.unsubscribe(subscriptions);
        }
    }

    @AfterAll
    void stopSystem() {
        if (system != null) {
            system.close();
        }
    }
}
