package io.dyad.classify.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void aKnownWordCarriesItsIdAndCanonicalStringWhateverItsCase() {
        int id = Vocabulary.intern("zanzibarite");
        List<Token> tokens = Tokenizer.tokenize("Zanzibarite zanzibarite ZANZIBARITE zanzibarites");
        assertThat(tokens).extracting(Token::id).containsExactly(id, id, id, Vocabulary.UNKNOWN);
        assertThat(tokens.get(1).folded()).isSameAs(Vocabulary.word(id));
        assertThat(tokens).extracting(Token::letters)
                .containsExactly("Zanzibarite", "zanzibarite", "ZANZIBARITE", "zanzibarites");
        assertThat(tokens).extracting(Token::folded)
                .containsExactly("zanzibarite", "zanzibarite", "zanzibarite", "zanzibarites");
    }

    @Test
    void accentedAndDottedWordsAreLookedUpByTheirFoldedForm() {
        int id = Vocabulary.intern("quetzaltenango");
        int dotted = Vocabulary.intern("qzq");
        List<Token> tokens = Tokenizer.tokenize("Quetzaltenángo and Q.Z.Q. today");
        assertThat(tokens.get(0).id()).isEqualTo(id);
        assertThat(tokens.get(2).id()).isEqualTo(dotted);
        assertThat(tokens.get(2).dotted()).isTrue();
    }

    @Test
    void aTokenCutBeforeItsWordWasLoadedStillFindsIt() {
        // e.g. a test that analyses a text first and loads the gazetteer afterwards
        Token early = Tokenizer.tokenize("Xylophonistan")
                .get(0);
        assertThat(early.id()).isEqualTo(Vocabulary.UNKNOWN);
        int id = Vocabulary.intern("xylophonistan");
        assertThat(early.id()).isEqualTo(id);
    }

    @Test
    void growsPastItsFirstTableAndKeepsEveryWord() {
        int[] ids = new int[70_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Vocabulary.intern("vocabularytestword" + i);
        }
        for (int i = 0; i < ids.length; i += 997) {
            assertThat(Vocabulary.id("vocabularytestword" + i)).isEqualTo(ids[i]);
            assertThat(Tokenizer.tokenize("Vocabularytestword" + i).get(0).id()).isEqualTo(ids[i]);
        }
        assertThat(Vocabulary.intern("vocabularytestword5")).isEqualTo(ids[5]);
    }

    @Test
    void shortWordsAreFoundThroughThePackedTableAsThroughTheLetters() {
        // 1 to 7 characters of a-z and 0-9 go through Vocabulary.shortId: across a table growth, with digits, and
        // against words one character longer or shorter that no resource knows
        int[] ids = new int[70_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Vocabulary.intern("zq" + Integer.toString(i, 36));
        }
        int seven = Vocabulary.intern("q7q7q7q");
        int eight = Vocabulary.intern("q8q8q8q8");
        for (int i = 0; i < ids.length; i += 997) {
            String word = "zq" + Integer.toString(i, 36);
            assertThat(Vocabulary.id(word)).isEqualTo(ids[i]);
            assertThat(Tokenizer.tokenize(word.toUpperCase(java.util.Locale.ROOT)).get(0).id()).isEqualTo(ids[i]);
        }
        List<Token> tokens = Tokenizer.tokenize("Q7q7q7q q7q7q7 q7q7q7q7 Q8Q8Q8Q8 q8q8q8q zqzqzqzq");
        assertThat(tokens).extracting(Token::id).containsExactly(seven, Vocabulary.UNKNOWN, Vocabulary.UNKNOWN,
                eight, Vocabulary.UNKNOWN, Vocabulary.UNKNOWN);
    }

    @Test
    void trieStepsMatchByIdAndPrefixStepsByTheirHead() {
        TokenTrie<String> trie = new TokenTrie<>();
        trie.add(List.of("gulf", "of", "mexico"), "blocker");
        trie.add(List.of("tariff*"), "prefix");
        List<Token> tokens = Tokenizer.tokenize("Gulf of Mexico tariffs tar");
        TokenTrie.Node<String> node = trie.root().exact(tokens.get(0).id());
        node = node.exact(tokens.get(1).id()).exact(tokens.get(2).id());
        assertThat(node.values()).containsExactly("blocker");
        assertThat(trie.root().hasChild(tokens.get(3))).isTrue();
        assertThat(trie.root().hasChild(tokens.get(4))).isFalse();
        List<TokenTrie.Node<String>> children = new java.util.ArrayList<>();
        trie.root().children(tokens.get(3), children);
        assertThat(children).hasSize(1);
        assertThat(children.get(0).values()).containsExactly("prefix");
    }
}
