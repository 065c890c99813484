package io.dyad.classify.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dyad.classify.bench.SyntheticArticles;
import io.dyad.contracts.ArticleIds;
import io.dyad.contracts.RawArticle;
import io.dyad.contracts.SourceRef;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * RawArticle v1 records of 3–5 KB for the consume-path benchmark: English wire copy from {@link SyntheticArticles}
 * (70 %) and Spanish copy from our own templates below (30 %), each with its own URL, id and content hash, as
 * ingest-service would publish them. Deterministic for a seed and a run tag.
 */
final class RawArticleStream {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final String[][] PAISES = {
        {"México", "mexicano", "Ciudad de México", "Monterrey"},
        {"Estados Unidos", "estadounidense", "Washington", "Houston"},
        {"Colombia", "colombiano", "Bogotá", "Medellín"},
        {"Brasil", "brasileño", "Brasilia", "São Paulo"},
        {"España", "español", "Madrid", "Barcelona"},
        {"Argentina", "argentino", "Buenos Aires", "Córdoba"},
        {"Chile", "chileno", "Santiago", "Valparaíso"},
        {"Perú", "peruano", "Lima", "Arequipa"},
    };

    private static final String[] TEMAS = {
        "los aranceles al acero", "la llegada de migrantes a la frontera", "las exportaciones de petróleo y gas",
        "el tráfico de fentanilo de los cárteles", "la sequía que golpea a los agricultores",
        "las remesas y el tipo de cambio", "el nuevo tratado de libre comercio", "las sanciones a bancos estatales",
    };

    private static final String[] FRASES = {
        "Funcionarios de {A} y {B} se reunieron el martes en {CA} para hablar de {T}, según fuentes cercanas.",
        "El canciller {DA} dijo que ambos gobiernos avanzaron, aunque persisten diferencias sobre {T}.",
        "Analistas en {CB} advirtieron que la disputa por {T} podría frenar el crecimiento este año.",
        "El comercio entre los dos países alcanzó {N} mil millones de dólares el año pasado, un {P} por ciento más.",
        "\"Queremos trabajar con nuestros socios, pero defenderemos nuestros intereses\", dijo un portavoz {DB}.",
        "Empresarios de {CITYA} alertaron de que {T} afectaría a los exportadores y costaría miles de empleos.",
        "Las negociaciones seguirán el próximo mes en {CB}, donde también se abordará {T2}.",
        "La oposición acusó al gobierno de actuar con lentitud frente a {T2} y pidió una investigación.",
    };

    private final Random random;
    private final String runTag;
    private final List<SyntheticArticles.Article> english;
    private long sequence;

    RawArticleStream(long seed, String runTag) {
        this.random = new Random(seed);
        this.runTag = runTag;
        // 512 English texts of 3.0–4.8 KB, reused with their own URLs: the classifier's cost depends on the text
        this.english = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            english.addAll(SyntheticArticles.generate(64, 3000 + 250 * i, seed + i));
        }
    }

    /** The next record value (UTF-8 JSON) and its key. */
    Record next() {
        long n = ++sequence;
        String title;
        String text;
        String language;
        if (random.nextInt(10) < 3) {
            String[] a = PAISES[random.nextInt(PAISES.length)];
            String[] b = otro(a);
            title = a[0] + " y " + b[0] + " chocan por " + TEMAS[random.nextInt(TEMAS.length)];
            text = spanishText(a, b, 3000 + random.nextInt(1800));
            language = "es";
        } else {
            SyntheticArticles.Article article = english.get(random.nextInt(english.size()));
            title = article.title();
            text = article.text();
            language = random.nextBoolean() ? "en" : null; // half the feeds declare no language
        }
        String url = "https://wire" + (n % 40) + ".news.example/" + runTag + "/" + n + "?utm_source=bench";
        String canonical = ArticleIds.canonicalUrl(url);
        String id = ArticleIds.articleId(canonical);
        RawArticle raw = new RawArticle(RawArticle.SCHEMA_VERSION, id, id, url, canonical,
                new SourceRef("wire-" + (n % 40), "Wire " + (n % 40), "rss", null, language), title,
                text.substring(0, Math.min(200, text.length())), text, language, List.of("Staff reporter"),
                Instant.parse("2026-11-28T08:00:00Z").plusSeconds(n), Instant.now(),
                ArticleIds.contentHash(title, text));
        try {
            return new Record(id, JSON.writeValueAsBytes(raw));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Record(String key, byte[] value) {
    }

    private String[] otro(String[] a) {
        while (true) {
            String[] b = PAISES[random.nextInt(PAISES.length)];
            if (b != a) {
                return b;
            }
        }
    }

    private String spanishText(String[] a, String[] b, int target) {
        StringBuilder text = new StringBuilder(target + 300);
        text.append(a[2].toUpperCase()).append(" (Dyad) - ");
        String tema = TEMAS[random.nextInt(TEMAS.length)];
        String tema2 = TEMAS[random.nextInt(TEMAS.length)];
        int inParagraph = 0;
        while (text.length() < target) {
            text.append(FRASES[random.nextInt(FRASES.length)].replace("{A}", a[0]).replace("{B}", b[0])
                    .replace("{CA}", a[2]).replace("{CB}", b[2]).replace("{CITYA}", a[3]).replace("{DA}", a[1])
                    .replace("{DB}", b[1]).replace("{T}", tema).replace("{T2}", tema2)
                    .replace("{N}", Integer.toString(10 + random.nextInt(500)))
                    .replace("{P}", Integer.toString(1 + random.nextInt(15))));
            text.append(++inParagraph % 3 == 0 ? "\n\n" : " ");
        }
        return text.append("\n\nCon información de la redacción en ").append(a[2]).append('.').toString();
    }
}
