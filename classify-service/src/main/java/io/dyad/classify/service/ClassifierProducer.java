package io.dyad.classify.service;

import io.dyad.classify.config.ClassifyConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Loads the classifier's resources once, at startup, so the first request does not pay for it. */
@ApplicationScoped
public class ClassifierProducer {

    @Produces
    @Singleton
    @Startup
    ArticleClassifier classifier(ClassifyConfig config) {
        long started = System.nanoTime();
        ArticleClassifier classifier = ArticleClassifier.load(new ClassifierSettings(config.classifierVersion(),
                config.countryMinSalience(), config.pairMinSalience(), config.pairMainSalience(), config.pairMaxCountries(), config.issueMinWeight(), config.maxTextChars(),
                config.maxEvidence()));
        Log.infof("classifier %s loaded in %d ms: %d countries, %d English and %d Spanish gazetteer phrases",
                config.classifierVersion(), (System.nanoTime() - started) / 1_000_000,
                classifier.gazetteer().countries().size(), classifier.gazetteer().phraseCount("en"),
                classifier.gazetteer().phraseCount("es"));
        return classifier;
    }
}
