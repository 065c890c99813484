package io.dyad.classify.service;

import io.dyad.classify.decision.LearnedDecisions;
import io.dyad.classify.gazetteer.CountryMention;
import io.dyad.classify.gazetteer.CountryScanner;
import io.dyad.classify.gazetteer.Gazetteer;
import io.dyad.classify.gazetteer.Salience;
import io.dyad.classify.gazetteer.ScoredCountry;
import io.dyad.classify.issues.IssueDetector;
import io.dyad.classify.issues.IssueLexicon;
import io.dyad.classify.issues.IssueModel;
import io.dyad.classify.issues.IssueTaxonomy;
import io.dyad.classify.language.LanguageDetector;
import io.dyad.classify.pairs.PairDetector;
import io.dyad.classify.text.Field;
import io.dyad.classify.text.FieldText;
import io.dyad.classify.text.Folding;
import io.dyad.contracts.CountryTag;
import io.dyad.contracts.Evidence;
import io.dyad.contracts.PairTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The classifier: language, then countries (gazetteer scan and salience), pairs and issues, each with evidence. A plain
 * Java class with no framework in it: load once with {@link #load}, then call {@link #classify} from any thread.
 */
public final class ArticleClassifier {

    private final Gazetteer gazetteer;
    private final IssueTaxonomy taxonomy;
    private final Map<String, IssueLexicon> lexicons;
    private final Map<String, IssueModel> models;
    private final LanguageDetector languageDetector;
    private final CountryScanner scanner;
    private final PairDetector pairs;
    /** Null: countries and pairs by the salience rules. */
    private final LearnedDecisions decisions;
    private final IssueDetector issues;
    private final ClassifierSettings settings;

    public ArticleClassifier(Gazetteer gazetteer, IssueTaxonomy taxonomy, Map<String, IssueLexicon> lexicons,
            LanguageDetector languageDetector, ClassifierSettings settings) {
        this(gazetteer, taxonomy, lexicons, Map.of(), languageDetector, settings);
    }

    public ArticleClassifier(Gazetteer gazetteer, IssueTaxonomy taxonomy, Map<String, IssueLexicon> lexicons,
            Map<String, IssueModel> models, LanguageDetector languageDetector, ClassifierSettings settings) {
        this.gazetteer = gazetteer;
        this.taxonomy = taxonomy;
        this.lexicons = Map.copyOf(lexicons);
        this.models = Map.copyOf(models);
        this.languageDetector = languageDetector;
        this.settings = settings;
        this.scanner = new CountryScanner(gazetteer);
        this.pairs = new PairDetector(settings.pairMinSalience(), settings.pairMainSalience(),
                settings.pairMaxCountries());
        this.issues = new IssueDetector(taxonomy, settings.issueMinWeight());
        this.decisions = settings.learnedDecisions() ? LearnedDecisions.load() : null;
    }

    /** Loads the gazetteer, taxonomy, lexicons (en, es) and language profiles from the classpath. */
    public static ArticleClassifier load(ClassifierSettings settings) {
        IssueTaxonomy taxonomy = IssueTaxonomy.load();
        Map<String, IssueLexicon> lexicons = new LinkedHashMap<>();
        Map<String, IssueModel> models = new LinkedHashMap<>();
        for (String language : Gazetteer.LANGUAGES) {
            lexicons.put(language, IssueLexicon.load(language, taxonomy));
            IssueModel model = IssueModel.load(language, taxonomy);
            if (model != null) {
                models.put(language, model);
            }
        }
        return new ArticleClassifier(Gazetteer.load(), taxonomy, lexicons, models, LanguageDetector.load(), settings);
    }

    public Gazetteer gazetteer() {
        return gazetteer;
    }

    public IssueTaxonomy taxonomy() {
        return taxonomy;
    }

    public ClassifierSettings settings() {
        return settings;
    }

    public Classification classify(String title, String text) {
        return classify(title, null, text, null);
    }

    /**
     * Classifies an article. {@code languageHint} (e.g. the feed's language) is used when it is one the classifier has
     * lexicons for; otherwise the language is detected. Null fields count as empty. A summary that merely repeats the
     * start of the text is skipped, so the lead is not counted twice.
     */
    public Classification classify(String title, String summary, String text, String languageHint) {
        String t = limit(title);
        String s = limit(summary);
        String body = limit(text);
        List<FieldText> fields = new ArrayList<>(3);
        fields.add(FieldText.of(Field.TITLE, t));
        if (!s.isBlank() && !repeatsLead(s, body)) {
            fields.add(FieldText.of(Field.SUMMARY, s));
        }
        fields.add(FieldText.of(Field.TEXT, body));
        String language = languageHint != null && lexicons.containsKey(languageHint)
                ? languageHint : languageDetector.detect(fields);

        List<CountryMention> mentions = scanner.scan(fields, language);
        List<ScoredCountry> scored;
        List<PairTag> pairTags;
        if (decisions != null) {
            LearnedDecisions.Decided decided = decisions.decide(Salience.score(mentions));
            scored = decided.countries();
            pairTags = decided.pairs();
        } else {
            scored = answered(Salience.score(mentions));
            pairTags = pairs.detect(scored);
        }
        List<CountryTag> countries = new ArrayList<>(scored.size());
        for (ScoredCountry c : scored) {
            countries.add(new CountryTag(c.code(), c.score(), c.mentions().size(), countryEvidence(c.mentions())));
        }
        String lexiconLanguage = lexicons.containsKey(language) ? language : LanguageDetector.DEFAULT;
        return new Classification(language, countries, pairTags,
                issues.detect(fields, lexicons.get(lexiconLanguage), models.get(lexiconLanguage)));
    }

    /** The focus country and every other country at least {@code countryMinSalience}; the rest are passing mentions. */
    private List<ScoredCountry> answered(List<ScoredCountry> scored) {
        List<ScoredCountry> out = new ArrayList<>(scored.size());
        for (ScoredCountry c : scored) {
            if (out.isEmpty() || c.score() >= settings.countryMinSalience()) {
                out.add(c);
            }
        }
        return out;
    }

    private List<Evidence> countryEvidence(List<CountryMention> mentions) {
        List<Evidence> out = new ArrayList<>();
        for (CountryMention m : mentions) {
            if (out.size() == settings.maxEvidence()) {
                break;
            }
            out.add(new Evidence(m.field().wireName(), m.start(), m.end(), m.text()));
        }
        return out;
    }

    private String limit(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > settings.maxScanChars() ? value.substring(0, settings.maxScanChars()) : value;
    }

    static boolean repeatsLead(String summary, String text) {
        String s = words(Folding.fold(summary));
        String lead = words(Folding.fold(text.substring(0, Math.min(text.length(), summary.length() * 2))));
        String probe = s.length() > 200 ? s.substring(0, 200) : s;
        return !probe.isEmpty() && lead.contains(probe);
    }

    /**
     * The runs of [A-Za-z0-9_] of {@code folded} joined by single spaces: what {@code replaceAll("\\W+", " ").strip()}
     * gives, without a regex per article.
     */
    static String words(String folded) {
        StringBuilder out = new StringBuilder(folded.length());
        boolean gap = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
                if (gap && out.length() > 0) {
                    out.append(' ');
                }
                gap = false;
                out.append(c);
            } else {
                gap = true;
            }
        }
        return out.toString();
    }
}
