package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byline.errors.InvalidRequestException;
import dev.byline.index.Schema;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

class QueryBuilderTest {
  private final QueryBuilder builder = new QueryBuilder(Schema.analyzer());

  private static SearchRequest request(String... kv) {
    java.util.Map<String, List<String>> params = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      params.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
    }
    return SearchRequest.fromParams(params);
  }

  @Test
  void simple_syntax_requires_every_word_of_a_short_query_and_stems_them() {
    Query q = builder.textQuery(request("q", "harbour elections"));
    BooleanQuery bq = (BooleanQuery) q;
    // both words, or the word they make joined ("harbourelections")
    assertThat(bq.clauses().stream().filter(c -> c.occur() == Occur.MUST)).hasSize(1);
    BooleanQuery either = (BooleanQuery) bq.clauses().get(0).query();
    assertThat(either.clauses()).hasSize(2);
    assertThat(((BooleanQuery) either.clauses().get(0).query()).clauses())
        .hasSize(2)
        .allMatch(c -> c.occur() == Occur.MUST);
    assertThat(either.clauses().get(1).query().toString()).contains("harbourelect");
    // the two words together, as a phrase, add to the score
    assertThat(bq.clauses().stream().filter(c -> c.occur() == Occur.SHOULD)).isNotEmpty();
    assertThat(q.toString()).contains("elect").contains("harbour");
  }

  @Test
  void a_long_query_needs_only_some_of_its_words_and_never_its_stop_words() {
    Query q =
        builder.textQuery(
            request("q", "what problems of heat conduction in composite slabs have been solved"));
    assertThat(q.toString()).doesNotContain("body:of ").contains(")~1");
    // the question's scaffolding ("what", "have", "been", "so") is no topic: only proximity uses it
    String words = ((BooleanQuery) q).clauses().get(0).query().toString();
    assertThat(words)
        .contains("(heat)")
        .contains("(conduct)")
        .doesNotContain("(what)")
        .doesNotContain("(been)");
  }

  /** The fuzzy words of a built query, each once, as {@code FuzzyQuery.toString} shows them. */
  private static java.util.Set<String> fuzzyWords(Query q) {
    java.util.Set<String> words = new java.util.TreeSet<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?:title|body|author_text):([a-z]+)~\\d")
            .matcher(q.toString());
    while (m.find()) words.add(m.group(1));
    return words;
  }

  /** {@code n} distinct words of {@code length} letters each, every one marked fuzzy. */
  private static String longFuzzyWords(int n, int length) {
    StringBuilder q = new StringBuilder();
    String alphabet = "abcdefghijklmnopqrstuvwxyz";
    for (int i = 0; i < n; i++) {
      StringBuilder w = new StringBuilder();
      for (int c = 0; c < length; c++) w.append(alphabet.charAt((c + i) % 26));
      q.append(w).append("~2 ");
    }
    return q.toString().strip();
  }

  @Test
  void a_fuzzy_word_repeated_counts_against_the_bound_each_time() {
    // "kamiroten~" 362 times: counted once, each clause still walked the terms dictionary (4.8 to
    // 6.2 s a query on a million terms; two at once held every search slot: an outside hunt).
    String repeated = String.join(" ", java.util.Collections.nCopies(362, "kamiroten~"));
    assertThatThrownBy(() -> builder.textQuery(request("q", repeated, "syntax", "lucene")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("fuzzy words of a query may hold at most 256 characters");
    // Once in the default fields is one word, not one a field.
    String some = String.join(" ", java.util.Collections.nCopies(25, "kamiroten~"));
    assertThat(fuzzyWords(builder.textQuery(request("q", some, "syntax", "lucene"))))
        .containsExactly("kamiroten");
  }

  @Test
  void a_boost_too_large_for_a_score_is_refused() {
    // Float.MAX_VALUE as a boost made every score NaN (sent as the string "NaN"), and the cursor
    // of such a page was refused as invalid.
    for (String q :
        new String[] {
          "harbour^340282350000000000000000000000000000000",
          "(harbour^100000 ferry)^100000",
          "\"harbour wall\"^9999999"
        }) {
      assertThatThrownBy(() -> builder.textQuery(request("q", q, "syntax", "lucene")))
          .as(q)
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("boost");
    }
    builder.textQuery(request("q", "harbour^1000 ferry^0.5", "syntax", "lucene"));
  }

  @Test
  void the_fuzzy_words_of_a_query_are_bounded_in_all_not_only_each() {
    // Fifteen 250-letter fuzzy words built automata for 10 s of CPU before the search and its
    // time limit (fuzzed from outside). The search box searches the words past the bound as
    // typed; the Lucene syntax refuses the query.
    Query box = builder.textQuery(request("q", longFuzzyWords(15, 250)));
    assertThat(fuzzyWords(box)).hasSize(1); // the first, 250 of the 256 characters
    Query some = builder.textQuery(request("q", longFuzzyWords(12, 20)));
    assertThat(fuzzyWords(some)).hasSize(12); // 240: every one
    assertThat(fuzzyWords(builder.textQuery(request("q", longFuzzyWords(13, 20))))).hasSize(12);
    assertThatThrownBy(
            () -> builder.textQuery(request("q", longFuzzyWords(15, 250), "syntax", "lucene")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("fuzzy words of a query may hold at most 256 characters");
    Query lucene = builder.textQuery(request("q", longFuzzyWords(12, 20), "syntax", "lucene"));
    assertThat(fuzzyWords(lucene)).hasSize(12);
  }

  @Test
  void a_long_phrase_with_slop_is_matched_in_order_or_refused() {
    // 100 words with slop took 2.8 s an 8.5 MB article, past the time limit, which Lucene checks
    // between articles only (fuzzed from outside).
    String hundred = "\"" + "harbour ferry ".repeat(50).strip() + "\"~3";
    Query box = builder.textQuery(request("q", hundred));
    assertThat(box.toString()).contains("harbour ferri harbour").doesNotContain("~3");
    String short32 = "\"" + "harbour ferry ".repeat(16).strip() + "\"~3";
    assertThat(builder.textQuery(request("q", short32)).toString()).contains("~3");
    assertThatThrownBy(() -> builder.textQuery(request("q", hundred, "syntax", "lucene")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at most 32 words");
    assertThat(builder.textQuery(request("q", short32, "syntax", "lucene")).toString())
        .contains("~3");
    String exact = "\"" + "harbour ferry ".repeat(50).strip() + "\"";
    assertThat(builder.textQuery(request("q", exact, "syntax", "lucene"))).isNotNull();
  }

  @Test
  void a_fuzzy_word_longer_than_any_indexed_word_is_matched_exactly() {
    Query q = builder.textQuery(request("q", "ab".repeat(600) + "~2"));
    assertThat(q.toString()).doesNotContain("~2");
    assertThat(builder.textQuery(request("q", "president~")).toString()).contains("president~2");
  }

  @Test
  void a_query_of_exclusions_only_means_everything_but() {
    Query q = builder.textQuery(request("q", "-sport"));
    BooleanQuery bq = (BooleanQuery) q;
    assertThat(bq.clauses()).anyMatch(c -> c.query() instanceof MatchAllDocsQuery);
    assertThat(bq.clauses()).anyMatch(c -> c.occur() == Occur.MUST_NOT);
  }

  @Test
  void simple_syntax_never_fails_whatever_is_typed() {
    Random random = new Random(42);
    String alphabet = "ab \"-|+*~()\\/:[]{}^!?&OR AND NOT";
    for (int i = 0; i < 2_000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(30);
      for (int j = 0; j < len; j++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      String typed = sb.toString();
      if (typed.isBlank()) continue;
      assertThat(builder.textQuery(request("q", typed))).as("seed 42, input %s", typed).isNotNull();
    }
  }

  @Test
  void lucene_syntax_error_says_where() {
    assertThatThrownBy(() -> builder.textQuery(request("q", "title:(storm", "syntax", "lucene")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("column")
        .extracting(e -> ((InvalidRequestException) e).code())
        .isEqualTo("query_syntax");
  }

  @Test
  void lucene_syntax_rejects_unknown_fields_and_leading_wildcards() {
    assertThatThrownBy(() -> builder.textQuery(request("q", "colour:red", "syntax", "lucene")))
        .hasMessageContaining("unknown field 'colour'");
    assertThatThrownBy(() -> builder.textQuery(request("q", "*storm", "syntax", "lucene")))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void lucene_syntax_date_ranges_become_point_ranges_covering_whole_days() {
    Query q =
        builder.textQuery(request("q", "date:[2020-01-01 TO 2020-12-31]", "syntax", "lucene"));
    assertThat(q).isInstanceOf(PointRangeQuery.class);
    assertThat(q.toString()).contains("date:[1577836800000 TO 1609459199999]");
  }

  @Test
  void lucene_syntax_keyword_fields_match_exactly() {
    Query q = builder.textQuery(request("q", "author:\"Ana Tubić\"", "syntax", "lucene"));
    assertThat(q.toString()).isEqualTo("author:Ana Tubić");
  }

  @Test
  void filters_are_or_within_a_field_and_and_across_fields() {
    Query f =
        builder.filter(request("author", "A", "author", "B", "source", "S", "from", "2020-01-01"));
    BooleanQuery bq = (BooleanQuery) f;
    assertThat(bq.clauses()).hasSize(3).allMatch(c -> c.occur() == Occur.FILTER);
    assertThat(f.toString()).contains("author:(A B)").contains("source:(S)");
    assertThat(builder.filter(request("q", "x"))).isNull();
  }

  @Test
  void empty_query_browses_everything() {
    assertThat(builder.textQuery(request())).isInstanceOf(MatchAllDocsQuery.class);
    assertThat(request().effectiveSort()).isEqualTo(SearchRequest.SortOrder.NEWEST);
    assertThat(Map.of()).isEmpty();
  }

  @Test
  void prefixes_expand_to_at_most_the_configured_number_of_terms() {
    QueryBuilder limited = new QueryBuilder(Schema.analyzer(), 7, Ranking.DEFAULT);
    Query q = limited.textQuery(request("q", "harb*"));
    List<org.apache.lucene.search.PrefixQuery> prefixes = new java.util.ArrayList<>();
    q.visit(
        new org.apache.lucene.search.QueryVisitor() {
          @Override
          public org.apache.lucene.search.QueryVisitor getSubVisitor(Occur occur, Query parent) {
            return this;
          }

          @Override
          public void visitLeaf(Query query) {
            if (query instanceof org.apache.lucene.search.PrefixQuery p) prefixes.add(p);
          }

          @Override
          public void consumeTermsMatching(
              Query query,
              String field,
              java.util.function.Supplier<org.apache.lucene.util.automaton.ByteRunAutomaton>
                  automaton) {
            if (query instanceof org.apache.lucene.search.PrefixQuery p) prefixes.add(p);
          }
        });
    assertThat(prefixes).isNotEmpty();
    for (var p : prefixes) {
      assertThat(p.getRewriteMethod()).isInstanceOf(FrequentTermsRewrite.class);
      assertThat(((FrequentTermsRewrite) p.getRewriteMethod()).max()).isEqualTo(7);
    }
  }
}
