package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class ArticleAnalyzerTest {
  private static List<String> terms(Analyzer analyzer, String field, String text)
      throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) out.add(term.toString());
      ts.end();
    }
    return out;
  }

  private final Analyzer analyzer = Schema.analyzer();

  @Test
  void plurals_and_tenses_share_a_stem() throws IOException {
    assertThat(terms(analyzer, Schema.BODY, "elections"))
        .isEqualTo(terms(analyzer, Schema.BODY, "election"));
    assertThat(terms(analyzer, Schema.BODY, "voted"))
        .isEqualTo(terms(analyzer, Schema.BODY, "vote"));
  }

  @Test
  void light_stemming_keeps_unrelated_words_apart() throws IOException {
    assertThat(terms(analyzer, Schema.BODY, "university"))
        .isNotEqualTo(terms(analyzer, Schema.BODY, "universe"));
  }

  @Test
  void accents_fold_to_ascii() throws IOException {
    // Body text is also stemmed, so compare with what the unaccented spelling analyses to.
    assertThat(terms(analyzer, Schema.BODY, "Tubić Müller café"))
        .hasSize(3)
        .isEqualTo(terms(analyzer, Schema.BODY, "tubic muller cafe"));
    // Names are folded but not stemmed.
    assertThat(terms(analyzer, Schema.AUTHOR_TEXT, "Ana Tubić, Zoë Müller"))
        .containsExactly("ana", "tubic", "zoe", "muller");
  }

  @Test
  void possessives_are_dropped_and_stop_words_kept_and_marked() throws IOException {
    assertThat(terms(analyzer, Schema.BODY, "the council's budget"))
        .containsExactly("the", "council", "budget");
    List<String> types = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(Schema.BODY, "The Who")) {
      var type = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.TypeAttribute.class);
      ts.reset();
      while (ts.incrementToken()) types.add(type.type());
      ts.end();
    }
    assertThat(types).containsExactly(ArticleAnalyzer.STOP_TYPE, ArticleAnalyzer.FUNCTION_TYPE);
  }

  @Test
  void porter_keeps_news_words_of_other_meanings_apart() throws IOException {
    assertThat(terms(analyzer, Schema.BODY, "news"))
        .isNotEqualTo(terms(analyzer, Schema.BODY, "new"));
    assertThat(terms(analyzer, Schema.BODY, "organization"))
        .isNotEqualTo(terms(analyzer, Schema.BODY, "organ"));
    assertThat(terms(analyzer, Schema.BODY, "generation"))
        .isNotEqualTo(terms(analyzer, Schema.BODY, "generous"));
    assertThat(terms(analyzer, Schema.BODY, "universities"))
        .isEqualTo(terms(analyzer, Schema.BODY, "university"));
    // a word never stems into a stop word: "Ines" is not "in"
    assertThat(terms(analyzer, Schema.BODY, "Ines ons")).containsExactly("ines", "ons");
    assertThat(ArticleAnalyzer.INTO_STOP_WORDS.contains("ines")).isTrue();
    // and still conflates what KStem left apart
    assertThat(terms(analyzer, Schema.BODY, "relations"))
        .isEqualTo(terms(analyzer, Schema.BODY, "relation"));
  }

  @Test
  void keyword_fields_are_exact() throws IOException {
    assertThat(terms(analyzer, Schema.AUTHOR, "Ana Tubić")).containsExactly("Ana Tubić");
  }

  @Test
  void multi_term_normalisation_folds_but_does_not_stem() {
    assertThat(analyzer.normalize(Schema.BODY, "ÉLECTIONS").utf8ToString()).isEqualTo("elections");
  }
}
