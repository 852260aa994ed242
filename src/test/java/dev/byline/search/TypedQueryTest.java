package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.search.TypedQuery.Group;
import dev.byline.search.TypedQuery.Part;
import dev.byline.search.TypedQuery.Phrase;
import dev.byline.search.TypedQuery.Sign;
import dev.byline.search.TypedQuery.Word;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TypedQueryTest {
  private static List<Part> parts(String text) {
    return TypedQuery.parse(text).parts();
  }

  @Test
  void upper_case_operators_count_between_words_in_a_query_not_typed_in_capitals() {
    List<Part> p = parts("ferry OR glacier AND wall NOT strike");
    assertThat(p).hasSize(3);
    assertThat(p.get(0).alternatives()).hasSize(2);
    assertThat(p.get(0).sign()).isEqualTo(Sign.REQUIRED);
    assertThat(p.get(1).sign()).isEqualTo(Sign.REQUIRED);
    assertThat(p.get(2).sign()).isEqualTo(Sign.EXCLUDED);
    assertThat(parts("TO BE OR NOT TO BE")).hasSize(6).allMatch(Part::plainWord);
    assertThat(parts("to be or not to be")).hasSize(6).allMatch(Part::plainWord);
    assertThat(parts("OR ferry")).hasSize(1).allMatch(Part::plainWord);
  }

  @Test
  void quotes_signs_prefixes_fuzzy_words_and_groups() {
    List<Part> p = parts("\"sea wall\"~3 -storm +quay harb* president~ fares~1 (jury | jurors)");
    assertThat(p.get(0).alternatives().get(0)).isEqualTo(new Phrase("sea wall", 3));
    assertThat(p.get(1).sign()).isEqualTo(Sign.EXCLUDED);
    assertThat(p.get(2).sign()).isEqualTo(Sign.REQUIRED);
    assertThat(p.get(3).alternatives().get(0)).isEqualTo(new Word("harb", Word.Kind.PREFIX, 0));
    assertThat(p.get(4).alternatives().get(0))
        .isEqualTo(new Word("president", Word.Kind.FUZZY, -1));
    assertThat(p.get(5).alternatives().get(0)).isEqualTo(new Word("fares", Word.Kind.FUZZY, 1));
    assertThat(p.get(6).alternatives().get(0)).isInstanceOf(Group.class);
    assertThat(((Group) p.get(6).alternatives().get(0)).query().parts().get(0).alternatives())
        .hasSize(2);
  }

  @Test
  void dashes_around_a_word_are_decoration_not_a_not() {
    assertThat(parts("-berlin-")).hasSize(1).allMatch(Part::plainWord);
    assertThat(parts("wall -berlin- 1961")).hasSize(3).allMatch(Part::plainWord);
    assertThat(parts("\u2014berlin\u2014")).hasSize(1).allMatch(Part::plainWord);
    assertThat(parts("wall -berlin").get(1).sign()).isEqualTo(Sign.EXCLUDED);
    assertThat(parts("wall -east-berlin").get(1).sign())
        .as("a hyphen inside the word is the word's")
        .isEqualTo(Sign.EXCLUDED);
  }

  @Test
  void every_digit_of_a_slop_is_the_slops_and_a_large_one_is_capped() {
    // "~10000" was read as slop 100 and a word "00" to find, so nothing matched.
    assertThat(parts("\"harbour ferry\"~10000")).hasSize(1);
    assertThat(parts("\"harbour ferry\"~10000").get(0).alternatives().get(0))
        .isEqualTo(new Phrase("harbour ferry", TypedQuery.MAX_SLOP));
    assertThat(parts("\"harbour ferry\"~999999999999999999999").get(0).alternatives().get(0))
        .isEqualTo(new Phrase("harbour ferry", TypedQuery.MAX_SLOP));
    assertThat(parts("\"harbour ferry\"~42").get(0).alternatives().get(0))
        .isEqualTo(new Phrase("harbour ferry", 42));
    assertThat(parts("\"harbour ferry\"~").get(0).alternatives().get(0))
        .isEqualTo(new Phrase("harbour ferry", 2));
  }

  @Test
  void a_lone_quote_or_bracket_is_ignored_and_words_inside_words_stay_words() {
    assertThat(parts("\"unclosed quote")).hasSize(2).allMatch(Part::plainWord);
    assertThat(parts("covid-19 ) (")).hasSize(1).allMatch(Part::plainWord);
  }

  @Test
  void reading_never_fails_and_nesting_is_bounded() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    String alphabet = "ab \"-|+*~()\\/:[]{}^!?&ORANDNOT";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(40);
      for (int j = 0; j < len; j++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      assertThat(TypedQuery.parse(sb.toString())).as("seed %d, input %s", seed, sb).isNotNull();
    }
    assertThat(TypedQuery.parse("(".repeat(10_000) + "x")).isNotNull();
  }

  @Test
  void plain_words_keep_the_words_and_drop_every_operator() {
    assertThat(TypedQuery.plainWords("\"cold war\" -berlin +wall fall* nato~ (a OR b) x:y"))
        .isEqualTo(" cold war   berlin  wall fall  nato   a or b  x y");
    assertThat(TypedQuery.plainWords("teen-age 5+3 AFL-CIO")).isEqualTo("teen-age 5+3 AFL-CIO");
    assertThat(TypedQuery.parse(TypedQuery.plainWords("\"a b\" -c (d|e)")).parts())
        .allMatch(TypedQuery.Part::plainWord);
  }
}
