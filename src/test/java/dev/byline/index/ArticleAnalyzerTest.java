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

  private static List<String> typed(Analyzer analyzer, String field, String text)
      throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      var type = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.TypeAttribute.class);
      var increment =
          ts.addAttribute(
              org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute.class);
      var offset =
          ts.addAttribute(org.apache.lucene.analysis.tokenattributes.OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken())
        out.add(
            term
                + (ArticleAnalyzer.JOINED_TYPE.equals(type.type()) ? "=joined" : "")
                + "+"
                + increment.getPositionIncrement()
                + "@"
                + text.substring(offset.startOffset(), offset.endOffset()));
      ts.end();
    }
    return out;
  }

  @Test
  void a_hyphenated_word_also_gives_its_parts_joined_at_the_first_part() throws IOException {
    assertThat(typed(analyzer, Schema.AUTHOR_TEXT, "a teen-age party"))
        .containsExactly(
            "a+1@a", "teen+1@teen", "teenage=joined+0@teen-age", "age+1@age", "party+1@party");
    assertThat(typed(analyzer, Schema.AUTHOR_TEXT, "Jean\u2010Paul state-of-the-art"))
        .containsExactly(
            "jean+1@Jean",
            "jeanpaul=joined+0@Jean\u2010Paul",
            "paul+1@Paul",
            "state+1@state",
            "stateoftheart=joined+0@state-of-the-art",
            "of+1@of",
            "the+1@the",
            "art+1@art");
    // Stemmed like any word: "teen-agers" and "teenagers" share a term.
    assertThat(terms(analyzer, Schema.BODY, "teen-agers"))
        .contains(terms(analyzer, Schema.BODY, "teenagers").get(0));
  }

  @Test
  void a_curly_apostrophe_closes_up_and_the_search_for_it_stays_inside_the_word()
      throws IOException {
    assertThat(terms(analyzer, Schema.AUTHOR_TEXT, "they don\u2019t know"))
        .containsExactly("they", "don't", "dont", "know");
    // Looking back for a straight apostrophe in "don’t" once scanned the whole text before it,
    // for every such word: 4.6 s for 900 KB of "they don’t know".
    JoinedForms.Text text = new JoinedForms.Text();
    text.read(new java.io.StringReader("o'neill said don\u2019t"));
    assertThat(text.lastIndexOf('\'', 13, 18)).isEqualTo(-1);
    assertThat(text.lastIndexOf('\u2019', 13, 18)).isEqualTo(16);
    assertThat(text.lastIndexOf('\'', 0, 18)).isEqualTo(1);
  }

  @Test
  void a_word_after_an_elided_article_is_also_a_word_alone() throws IOException {
    // "assemblée" typed found no French article: the tokenizer keeps "l'Assemblée" whole.
    assertThat(typed(analyzer, Schema.AUTHOR_TEXT, "l'Assembl\u00e9e vote"))
        .containsExactly(
            "l'assemblee+1@l'Assembl\u00e9e",
            "assemblee=joined+0@l'Assembl\u00e9e",
            "lassemblee=joined+0@l'Assembl\u00e9e",
            "vote+1@vote");
    assertThat(terms(analyzer, Schema.AUTHOR_TEXT, "dell\u2019Italia qu'il D'Orsay"))
        .containsExactly(
            "dell'italia",
            "italia",
            "dellitalia",
            "qu'il",
            "il",
            "quil",
            "d'orsay",
            "orsay",
            "dorsay");
    // Stemmed as the word alone is: "assemblée" typed and "l'Assemblée" share a term.
    assertThat(terms(analyzer, Schema.BODY, "l'Assembl\u00e9e"))
        .contains(terms(analyzer, Schema.BODY, "assembl\u00e9e").get(0));
    // Not an elided article: O'Brien, and a single letter after one.
    assertThat(terms(analyzer, Schema.AUTHOR_TEXT, "O'Brien l'a"))
        .containsExactly("o'brien", "obrien", "l'a", "la");
  }

  @Test
  void a_dotted_software_name_closes_up_and_a_language_keeps_its_signs() throws IOException {
    assertThat(terms(analyzer, Schema.AUTHOR_TEXT, "Node.js and Vue.js"))
        .containsExactly("node.js", "nodejs", "and", "vue.js", "vuejs");
    // A web address, a full stop without its space, a capital or long ending: not names.
    assertThat(terms(analyzer, Schema.AUTHOR_TEXT, "nytimes.com said.the St.Louis end.He"))
        .containsExactly("nytimes.com", "said.the", "st.louis", "end.he");
    assertThat(typed(analyzer, Schema.AUTHOR_TEXT, "C++ and C#, F# c"))
        .containsExactly(
            "c+1@C",
            "c++=joined+0@C++",
            "and+1@and",
            "c+1@C",
            "c#=joined+0@C#",
            "f+1@F",
            "f#=joined+0@F#",
            "c+1@c");
    // Signs inside a longer run are not a name: "a+++b", "x#y", "ab++".
    assertThat(terms(analyzer, Schema.AUTHOR_TEXT, "a+++b x#y ab++ 3++"))
        .containsExactly("a", "b", "x", "y", "ab", "3");
  }

  @Test
  void decomposed_accents_and_soft_hyphens_fold_like_the_composed_word() throws IOException {
    assertThat(terms(analyzer, Schema.BODY, "a cafe\u0301 in Zu\u0308rich"))
        .isEqualTo(terms(analyzer, Schema.BODY, "a caf\u00e9 in Z\u00fcrich"));
    assertThat(terms(analyzer, Schema.AUTHOR_TEXT, "teen\u00adage")).containsExactly("teenage");
    assertThat(analyzer.normalize(Schema.BODY, "Cafe\u0301").utf8ToString()).isEqualTo("cafe");
  }

  @Test
  void only_words_of_letters_and_digits_joined_by_one_hyphen_are_joined() throws IOException {
    for (String text :
        new String[] {
          "1990-2000",
          "555-0100",
          "Paris\u2013London",
          "a--b",
          "x - y",
          "teen-",
          "-age",
          "one-two-three-four-five",
          "3.5-4"
        }) {
      assertThat(typed(analyzer, Schema.AUTHOR_TEXT, text))
          .as(text)
          .noneMatch(t -> t.contains("=joined"));
    }
    assertThat(typed(analyzer, Schema.AUTHOR_TEXT, "well-known B-52 crews, 4-H clubs, e-mail"))
        .filteredOn(t -> t.contains("=joined"))
        .containsExactly(
            "wellknown=joined+0@well-known",
            "b52=joined+0@B-52",
            "4h=joined+0@4-H",
            "email=joined+0@e-mail");
  }

  @Test
  void randomized_text_keeps_every_word_of_the_standard_tokenizer_in_order() throws IOException {
    long seed = System.nanoTime();
    System.out.println("ArticleAnalyzerTest seed " + seed);
    java.util.Random random = new java.util.Random(seed);
    String[] pieces = {
      "teen", "age", "-", "\u2010", "\u2013", " ", "19", "é", "x", "--", ".", "'s"
    };
    for (int round = 0; round < 500; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(30); i > 0; i--)
        text.append(pieces[random.nextInt(pieces.length)]);
      List<String> standard = new ArrayList<>();
      try (var plain =
              new org.apache.lucene.analysis.standard.StandardAnalyzer(
                  org.apache.lucene.analysis.CharArraySet.EMPTY_SET);
          TokenStream ts = plain.tokenStream("f", text.toString())) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        ts.reset();
        while (ts.incrementToken()) standard.add(term.toString());
        ts.end();
      }
      List<String> ours =
          typed(analyzer, Schema.AUTHOR_TEXT, text.toString()).stream()
              .filter(t -> !t.contains("=joined"))
              .map(t -> t.substring(0, t.indexOf('+')))
              .toList();
      assertThat(ours)
          .as("seed %d, text '%s'", seed, text)
          .isEqualTo(
              standard.stream()
                  .map(
                      w ->
                          java.text.Normalizer.normalize(w, java.text.Normalizer.Form.NFD)
                              .replaceAll("\\p{M}", "")
                              .replaceAll("'s$", ""))
                  .toList());
    }
  }

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
