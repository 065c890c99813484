package io.dyad.classify.rest;

import io.dyad.classify.service.ClassifierProducer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** /q/health/ready is DOWN while the classifier is still loading (it loads alongside the start, not before it). */
@Readiness
@ApplicationScoped
public class ClassifierReadinessCheck implements HealthCheck {

    private final ClassifierProducer classifier;

    public ClassifierReadinessCheck(ClassifierProducer classifier) {
        this.classifier = classifier;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("classifier").status(classifier.isLoaded()).build();
    }
}
