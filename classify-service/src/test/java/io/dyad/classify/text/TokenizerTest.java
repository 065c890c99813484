package io.dyad.classify.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void keepsDottedAbbreviationsWhole() {
        List<Token> tokens = Tokenizer.tokenize("U.S.-Mexico talks in EE.UU. and D.C.");
        assertThat(tokens).extracting(Token::letters).containsExactly("US", "Mexico", "talks", "in", "EEUU", "and", "DC");
        assertThat(tokens.get(0).dotted()).isTrue();
        assertThat(tokens.get(0).end()).isEqualTo(4);
    }

    @Test
    void foldsCaseAndAccents() {
        assertThat(Tokenizer.tokenize("Côte d'Ivoire MÉXICO Japón")).extracting(Token::folded)
                .containsExactly("cote", "d", "ivoire", "mexico", "japon");
        assertThat(Folding.fold("Straße")).isEqualTo("strasse");
    }

    @Test
    void offsetsPointIntoTheText() {
        String text = "  Mexico's   exports\nrose";
        for (Token token : Tokenizer.tokenize(text)) {
            assertThat(text.substring(token.start(), token.end())).isEqualTo(token.letters());
        }
    }
}
