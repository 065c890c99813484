package io.dyad.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Validates event JSON against the schemas in {@code contracts/} (read from the contracts jar on the classpath). */
public final class ContractValidator {

    public static final String RAW_ARTICLE = "raw-article-v1.schema.json";
    public static final String TAGGED_ARTICLE = "tagged-article-v1.schema.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix("https://dyad.io/contracts/", "classpath:contracts/")));

    private ContractValidator() {
    }

    /** The violations of {@code json} against the named schema; empty when it is valid. */
    public static List<String> violations(String schema, String json) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema jsonSchema = FACTORY.getSchema(SchemaLocation.of("https://dyad.io/contracts/" + schema), config);
        try {
            JsonNode node = MAPPER.readTree(json);
            Set<ValidationMessage> messages = jsonSchema.validate(node);
            return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** Throws {@link AssertionError} listing the violations when {@code json} does not validate. */
    public static void assertValid(String schema, String json) {
        List<String> violations = violations(schema, json);
        if (!violations.isEmpty()) {
            throw new AssertionError(schema + " violated: " + violations + "\n" + json);
        }
    }
}
