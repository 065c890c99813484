package io.dyad.classify.service;

import io.dyad.classify.config.ClassifyConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Loads the classifier's resources once, on a thread of its own that starts with the first start-up observer, so
 * that the load (1–4 s) runs alongside the rest of Quarkus's start (the Kafka channels are wired after it) instead
 * of after it on the main thread. Whoever needs the classifier first waits for it: the Kafka consumer's first batch and the first
 * REST call, on worker threads. Readiness stays DOWN until it is loaded (ClassifierReadinessCheck); a failed load stops
 * the application, as the load on the main thread did.
 */
@ApplicationScoped
public class ClassifierProducer {

    private final CompletableFuture<ArticleClassifier> loaded = new CompletableFuture<>();

    /**
     * Before every other start-up observer (messaging wires its Kafka channels at LIBRARY_BEFORE): the load then runs
     * while the Kafka clients connect and the rest of the start goes on. (The CDI container's own start is earlier
     * still, but the runtime configuration is not there yet.)
     */
    void startLoading(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start,
            ClassifyConfig config) {
        Thread thread = new Thread(() -> load(config), "classifier-load");
        thread.setDaemon(true);
        thread.start();
    }

    private void load(ClassifyConfig config) {
        try {
            long started = System.nanoTime();
            ArticleClassifier classifier = ArticleClassifier.load(new ClassifierSettings(config.classifierVersion(),
                    config.countryMinSalience(), config.pairMinSalience(), config.pairMainSalience(),
                    config.pairMaxCountries(), config.issueMinWeight(), config.maxTextChars(), config.maxEvidence(),
                    config.learnedDecisions()));
            Log.infof("classifier %s loaded in %d ms: %d countries, %d English and %d Spanish gazetteer phrases",
                    config.classifierVersion(), (System.nanoTime() - started) / 1_000_000,
                    classifier.gazetteer().countries().size(), classifier.gazetteer().phraseCount("en"),
                    classifier.gazetteer().phraseCount("es"));
            loaded.complete(classifier);
        } catch (RuntimeException | Error e) {
            Log.error("the classifier could not be loaded; stopping", e);
            loaded.completeExceptionally(e);
            Quarkus.asyncExit(1);
        }
    }

    /** True once the classifier is loaded; readiness reports it. */
    public boolean isLoaded() {
        return loaded.isDone() && !loaded.isCompletedExceptionally();
    }

    /** The classifier, waiting for its load if it is still running (never on the event loop: callers are blocking). */
    @Produces
    @Singleton
    ArticleClassifier classifier() {
        try {
            return loaded.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the classifier", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the classifier could not be loaded", e.getCause());
        }
    }
}
