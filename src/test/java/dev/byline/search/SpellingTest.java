package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import dev.byline.index.ArticleIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Did you mean" respells a query that finds few articles, and leaves alone one that finds many
 * (it is what the reader meant, and respelling costs a vocabulary lookup per word).
 */
class SpellingTest {
  @TempDir Path dir;

  private static List<Article> articles(String prefix, String word, int n) {
    List<Article> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new Article(
              prefix + i,
              null,
              "Report " + i + " on the " + word,
              "The " + word + " was measured again this season, note " + i + ".",
              List.of(),
              null,
              null,
              List.of(),
              null));
    }
    return out;
  }

  private static String suggestion(ArticleSearch search, String q) throws IOException {
    // As typed: a query finding nothing would otherwise show its respelling's results instead.
    return search
        .search(SearchRequest.fromParams(Map.of("q", List.of(q), "autocorrect", List.of("false"))))
        .suggestion();
  }

  @Test
  void a_query_finding_few_articles_is_respelled_and_one_finding_many_is_not() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch search = new ArticleSearch(index);
      // Enough articles that the typo's 20 are under 1% of them: Lucene's spell checker takes a
      // word in more than 1% of the articles for a right one by itself.
      index.write(articles("right", "glacier", 2_500));
      index.write(articles("few", "glaicer", 3));
      index.write(
          articles("many", "glacjer", (int) Spelling.MAX_RESULTS_FOR_SUGGEST)); // a common typo

      assertThat(suggestion(search, "glaicer")).isEqualTo("glacier");
      assertThat(search.search(SearchRequest.fromParams(Map.of("q", List.of("glacjer")))).total())
          .isEqualTo(Spelling.MAX_RESULTS_FOR_SUGGEST);
      assertThat(suggestion(search, "glacjer")).isNull();
    }
  }

  /**
   * A word longer than any a reader misspells is left as typed: ten words of 400 letters cost
   * "did you mean" 3 to 8 s of Levenshtein automata outside the search's time limit (found by
   * probing a running server).
   */
  @Test
  void a_word_longer_than_any_misspelled_is_not_respelled() throws IOException {
    String longWord = "glacier".repeat(5); // 35 letters
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch search = new ArticleSearch(index);
      index.write(articles("right", "glacier", 2_500));
      index.write(articles("long", longWord, 40));
      String typo = longWord.substring(0, 20) + "x" + longWord.substring(21);
      assertThat(suggestion(search, typo)).isNull();
      assertThat(suggestion(search, "glaicer")).isEqualTo("glacier");
    }
  }

  @Test
  void a_rare_name_is_not_respelled_to_a_commoner_word_but_an_archived_typo_is()
      throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch search = new ArticleSearch(index);
      index.write(articles("right", "glacier", 2_500)); // the typo below: 3 articles, 1 in 833
      index.write(articles("typo", "glaicer", 3));
      // A name in one article beside a word one letter longer in 30: as the Brown Corpus holds
      // "Musial" (1) and "musical" (32), "Custer" (1) and "cluster" (11).
      index.write(articles("common", "musical", 30));
      index.write(articles("name", "musial", 1));
      index.write(articles("team", "cardinals", 40));

      assertThat(suggestion(search, "musial")).isNull();
      assertThat(suggestion(search, "musial cardinals")).isNull();
      assertThat(suggestion(search, "glaicer")).isEqualTo("glacier");
      // A word no article holds is respelled to its neighbour however rare that is.
      assertThat(suggestion(search, "musiacl")).isEqualTo("musical");
    }
  }

  @Test
  void a_known_word_needs_a_respelling_a_hundred_times_commoner() {
    assertThat(Spelling.moreLikelyMeant(0, 1)).isTrue();
    assertThat(Spelling.moreLikelyMeant(0, 0)).isFalse();
    assertThat(Spelling.moreLikelyMeant(1, 99)).isFalse();
    assertThat(Spelling.moreLikelyMeant(1, 100)).isTrue();
    assertThat(Spelling.moreLikelyMeant(3, 2_500)).isTrue();
    assertThat(Spelling.moreLikelyMeant(Integer.MAX_VALUE, Integer.MAX_VALUE)).isFalse();
  }

  @Test
  void words_run_together_are_split_in_two_when_both_are_commoner_than_a_respelling()
      throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch search = new ArticleSearch(index);
      index.write(articles("city", "new york", 40));
      // One edit from "newyork"? No: two ("network"), in fewer articles than "york".
      index.write(articles("net", "network", 5));
      index.write(articles("war", "civil war", 12));
      index.write(articles("civ", "civilian", 6));
      index.write(articles("glacier", "glacier", 30));

      assertThat(suggestion(search, "newyork")).isEqualTo("new york");
      assertThat(suggestion(search, "civilwar")).isEqualTo("civil war");
      assertThat(suggestion(search, "glaicer"))
          .as("a typo is still respelled")
          .isEqualTo("glacier");
      // A split that finds nothing gives way to the respelling: "mcarthur" is not "mc arthur".
      index.write(articles("mc", "mc", 5));
      index.write(articles("arthur", "arthur", 5));
      index.write(articles("macarthur", "macarthur", 1));
      assertThat(suggestion(search, "mcarthur")).isEqualTo("macarthur");
      // A word the archive holds is never split: "network" is not "net work".
      assertThat(suggestion(search, "network")).isNull();
    }
  }

  /**
   * Against a respelling, a split counts the articles that hold its words side by side: "trueman"
   * is "truman" (one edit), not the chance pair "true man"; "DeSapio" is "De Sapio", which the
   * archive writes apart, not "despair" (two edits), however much commoner "despair" is.
   */
  @Test
  void a_split_beats_a_respelling_where_the_archive_holds_its_words_side_by_side()
      throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch search = new ArticleSearch(index);
      index.write(articles("truman", "truman", 8));
      index.write(articles("true", "true", 10));
      index.write(articles("man", "man", 10));
      index.write(articles("trueman", "true man", 1));
      index.write(articles("sapio", "de sapio", 3));
      index.write(articles("despair", "despair", 12));

      assertThat(suggestion(search, "trueman")).isEqualTo("truman");
      assertThat(suggestion(search, "DeSapio")).isEqualTo("de sapio");
      SearchResponse shown =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("DeSapio"))));
      assertThat(shown.hits())
          .extracting(SearchResponse.Hit::id)
          .allMatch(id -> id.startsWith("sapio"));
    }
  }

  /**
   * An English word the archive lacks is what the reader meant, unless its respelling is its
   * other ending or a word of several articles: "medicare" in an archive from before it is not
   * the one article's "medicale" (offered, not searched instead), "calender" is "calendar". Two
   * words never written side by side are no split of a word ("bitcoin" is not "bit coin").
   */
  @Test
  void an_english_word_is_replaced_only_by_a_likely_respelling() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch search = new ArticleSearch(index);
      index.write(articles("medicale", "medicale", 1));
      index.write(articles("calendar", "calendar", 5));
      index.write(articles("bit", "bit", 5));
      index.write(articles("coin", "coin", 5));

      SearchResponse medicare =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("medicare"))));
      assertThat(medicare.showingResultsFor()).isNull();
      assertThat(medicare.suggestion()).isEqualTo("medicale");
      assertThat(medicare.total()).isZero();
      SearchResponse calender =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("calender"))));
      assertThat(calender.showingResultsFor()).isEqualTo("calendar");
      assertThat(suggestion(search, "bitcoin")).isNull();
    }
  }

  /**
   * An archive holds its writers' typos: a reader's typo finds one by accident. A word in an
   * article or two that no dictionary knows is read as a misspelling of an English word in ten
   * times as many ("sucess" for "success"); a rare name is not ("skorich"), nor a word written
   * together that the archive holds apart ("newyork", held once as "New-York").
   */
  @Test
  void a_typo_an_article_holds_is_still_respelled() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch search = new ArticleSearch(index);
      index.write(articles("success", "success", 12));
      // Its writer's slip, once in the body (a title's word is what its article is about).
      index.write(List.of(article("sucess0", "Growers report", "The harvest was a sucess.")));
      index.write(articles("skorich", "skorich", 1));
      index.write(articles("scorch", "scorch", 12));
      index.write(articles("city", "new york", 12));
      index.write(articles("network", "network", 12));
      index.write(List.of(article("hyphen", "Letter", "He sailed for New-York in May.")));

      SearchResponse sucess =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("sucess"))));
      assertThat(sucess.showingResultsFor()).isEqualTo("success");
      assertThat(sucess.total()).isEqualTo(12);
      assertThat(suggestion(search, "skorich")).isNull();
      SearchResponse newyork =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("newyork"))));
      assertThat(newyork.showingResultsFor()).isNull();
      assertThat(newyork.total()).as("New York and New-York").isEqualTo(13);
    }
  }

  /**
   * What an article or two hold that no dictionary knows is in a news archive mostly a name, a
   * brand or a word of another language, not a slip: a reader's "Factorio", "Goodin" or "errou"
   * showed the results of "factories", "gooding", "error" and lost the one article meant (an
   * outside probe on 140 real news pages, 7 December: 26 of its 35 failures). A slip is a word
   * its articles hold once each, in the body, in English; a word in a title, in a byline, in an
   * article of another language, or repeated in its article is what it is.
   */
  @Test
  void a_rare_name_title_byline_or_foreign_word_is_not_read_as_a_typo() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch search = new ArticleSearch(index);
      index.write(articles("success", "success", 12));
      // Its writer's slip, once in the body (a title's word is what its article is about).
      index.write(List.of(article("sucess0", "Growers report", "The harvest was a sucess.")));
      index.write(articles("factories", "factories", 12));
      index.write(articles("hardware", "hardware", 12));
      index.write(articles("time", "time", 120)); // a hundred times "tite": it would be offered
      index.write(articles("error", "error", 12));
      index.write(articles("engines", "engines", 12));
      List<Article> rare = new ArrayList<>();
      rare.add(article("factorio", "Friday Facts | Factorio", "The next release is in sight."));
      rare.add(
          new Article(
              "review",
              null,
              "A laptop reviewed",
              "The keyboard is firm and the screen bright.",
              List.of("Devindra Hardawar"),
              null,
              null,
              List.of(),
              "en"));
      rare.add(
          new Article(
              "tite",
              null,
              "Tite fala",
              "O treinador diz que errou ao levar a taça.",
              List.of(),
              null,
              null,
              List.of(),
              "pt"));
      rare.add(
          article(
              "enginx",
              "Servers compared",
              "Enginx serves the pages. Enginx also balances the load."));
      index.write(rare);

      for (String[] asTyped :
          new String[][] {
            {"factorio", "factorio"},
            {"hardawar", "review"},
            {"errou", "tite"},
            {"tite", "tite"},
            {"enginx", "enginx"}
          }) {
        SearchResponse response =
            search.search(SearchRequest.fromParams(Map.of("q", List.of(asTyped[0]))));
        assertThat(response.showingResultsFor()).as(asTyped[0]).isNull();
        assertThat(response.suggestion()).as(asTyped[0]).isNull();
        assertThat(response.hits()).extracting(SearchResponse.Hit::id).containsExactly(asTyped[1]);
      }
      // A slip of one writer's, once in a body, is still read as the reader's typo.
      assertThat(
              search
                  .search(SearchRequest.fromParams(Map.of("q", List.of("sucess"))))
                  .showingResultsFor())
          .isEqualTo("success");
    }
  }

  private static Article article(String id, String title, String body) {
    return new Article(id, null, title, body, List.of(), null, null, List.of(), null);
  }

  @Test
  void a_word_some_article_holds_is_never_replaced_by_a_respelling() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch search = new ArticleSearch(index);
      List<Article> all = new ArrayList<>();
      for (int i = 0; i < 300; i++)
        all.add(article("open" + i, "Gallery report " + i, "The gallery is open again, note " + i));
      for (int i = 0; i < 2; i++)
        all.add(article("omen" + i, "Sailors " + i, "The sailors read the storm as an omen."));
      for (int i = 0; i < 5; i++)
        all.add(article("bad" + i, "Weather " + i, "The bad weather kept the gallery open late."));
      index.write(all);

      // "bad omen" holds no article with both words: the ones holding either are shown, as
      // typed. Replaced by "bad open" (omen is in 2 articles, open in 305), the reader lost the
      // word meant (Brown: "bad omen", "wily politician", "lana turner").
      SearchResponse typed =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("bad omen"))));
      assertThat(typed.showingResultsFor()).isNull();
      assertThat(typed.relaxed()).isTrue();
      assertThat(typed.hits()).extracting(SearchResponse.Hit::id).contains("omen0", "omen1");
      // Nor offered: a word of the dictionary that articles hold is the word meant ("whale" was
      // offered "while" in an outside probe).
      assertThat(typed.suggestion()).isNull();
      // A word no article holds is still replaced by its respelling.
      SearchResponse typo =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("bad galery"))));
      assertThat(typo.showingResultsFor()).isEqualTo("bad gallery");
      assertThat(typo.hits()).extracting(SearchResponse.Hit::id).contains("bad0");
    }
  }

  /**
   * A typo that the stemmer happens to merge with another word ("goverment" → stem "gover", the
   * stem of "governess"; "definately" → "defin", of "defined") finds that word's articles, few of
   * them: its respelling replaces them, since it is no English word and no article holds it or
   * any inflection of it, so what was found is only other words. An inflection the archive lacks
   * while it holds the word ("ferries" beside "ferry"), a British spelling beside the American
   * one, and a real word the archive lacks are what the reader meant and stay as typed (Brown
   * Corpus probe, 7 December; 600 words of the Cranfield and CISI texts that Brown lacks).
   */
  @Test
  void a_typo_found_only_through_another_words_stem_is_replaced_but_a_missing_inflection_is_not()
      throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch search = new ArticleSearch(index);
      List<Article> all = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        all.add(article("gov" + i, "Budget " + i, "The government passed the budget, note " + i));
        all.add(article("goal" + i, "Match " + i, "A late goal won the match, note " + i));
        all.add(
            article("def" + i, "Plan " + i, "It will definitely rain on the series, note " + i));
        all.add(article("cyn" + i, "Voters " + i, "The cynical voters stayed home, note " + i));
      }
      for (int i = 0; i < 3; i++) {
        all.add(article("gvn" + i, "Household " + i, "The governess taught the children."));
        all.add(article("dfn" + i, "Terms " + i, "The words were defined in the glossary."));
        all.add(article("fer" + i, "Harbour " + i, "The ferry left the harbour at noon."));
        all.add(article("jail" + i, "Sentence " + i, "He spent a year in jail."));
        all.add(article("conic" + i, "Curves " + i, "Each conic section was drawn."));
        all.add(article("emb" + i, "Vote " + i, "The minister was embarrassed by the vote."));
      }
      index.write(all);

      SearchResponse goverment =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("goverment"))));
      assertThat(goverment.showingResultsFor()).isEqualTo("government");
      assertThat(goverment.hits()).extracting(SearchResponse.Hit::id).contains("gov0");
      SearchResponse definately =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("definately"))));
      assertThat(definately.showingResultsFor()).isEqualTo("definitely");

      SearchResponse ferries =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("ferries"))));
      assertThat(ferries.showingResultsFor()).isNull();
      assertThat(ferries.hits()).extracting(SearchResponse.Hit::id).contains("fer0", "fer1");
      // So is a British word the archive holds in its American spelling only ("goal" is one
      // edit from "gaol").
      SearchResponse gaol = search.search(SearchRequest.fromParams(Map.of("q", List.of("gaol"))));
      assertThat(gaol.showingResultsFor()).isNull();
      assertThat(gaol.hits()).extracting(SearchResponse.Hit::id).contains("jail0");
      // And so is an English word the archive lacks, found through its stem: "conical" finds
      // "conic", and is not "cynical" (one letter away, a hundred times commoner).
      SearchResponse conical =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("conical"))));
      assertThat(conical.showingResultsFor()).isNull();
      assertThat(conical.hits()).extracting(SearchResponse.Hit::id).contains("conic0");
      assertThat(conical.suggestion()).as("offered").isEqualTo("cynical");
      // A typo three edits from every word the archive holds ("embarrassed") is one from the
      // dictionary's "embarrass", which finds them.
      SearchResponse embarass =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("embarass"))));
      assertThat(embarass.showingResultsFor()).isEqualTo("embarrass");
      assertThat(embarass.hits()).extracting(SearchResponse.Hit::id).contains("emb0");
      // As typed on request, the typo's stem-mates are what it finds, and the respelling offered.
      SearchResponse asTyped =
          search.search(
              SearchRequest.fromParams(
                  Map.of("q", List.of("goverment"), "autocorrect", List.of("false"))));
      assertThat(asTyped.hits()).extracting(SearchResponse.Hit::id).contains("gvn0");
      assertThat(asTyped.suggestion()).isEqualTo("government");
    }
  }

  /**
   * A typo in a query that finds many articles is respelled too: "noticable" finds the texts of
   * "notice" through the stemmer (99 in Brown, more than enough to skip "did you mean"), none of
   * them about what is noticeable. A word the archive holds joined with its neighbour ("maggio"
   * in "di maggio", held as "DiMaggio") is no typo.
   */
  @Test
  void a_typo_is_respelled_however_many_articles_it_finds_by_accident() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch search = new ArticleSearch(index);
      List<Article> all = new ArrayList<>();
      for (int i = 0; i < 2 * Spelling.MAX_RESULTS_FOR_SUGGEST; i++) {
        all.add(article("notice" + i, "Notice " + i, "A notice was posted at the gate, note " + i));
      }
      for (int i = 0; i < 5; i++) {
        all.add(article("able" + i, "Change " + i, "The change was noticeable at once."));
        all.add(article("maggie" + i, "Maggie " + i, "Maggie sang at the fair."));
      }
      all.add(article("joe", "Yankees", "Joe DiMaggio hit again."));
      index.write(all);

      SearchResponse asTyped =
          search.search(
              SearchRequest.fromParams(
                  Map.of("q", List.of("noticable"), "autocorrect", List.of("false"))));
      assertThat(asTyped.total()).isGreaterThanOrEqualTo(Spelling.MAX_RESULTS_FOR_SUGGEST);
      assertThat(asTyped.suggestion()).isEqualTo("noticeable");
      SearchResponse noticable =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("noticable"))));
      assertThat(noticable.showingResultsFor()).isEqualTo("noticeable");
      assertThat(noticable.hits()).extracting(SearchResponse.Hit::id).contains("able0");

      SearchResponse maggio =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("di maggio"))));
      assertThat(maggio.showingResultsFor()).isNull();
      assertThat(maggio.hits()).extracting(SearchResponse.Hit::id).first().isEqualTo("joe");
    }
  }

  /**
   * The page searches at each key: a last word on its way ("rockef", "new orl") is read as the
   * start of a word before a respelling replaces it ("rocked", "new owl"), when the words it
   * starts find something. A whole typo ("recieved") is still respelled: it starts no word.
   */
  @Test
  void a_last_word_being_typed_is_completed_before_it_is_respelled() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch search = new ArticleSearch(index);
      List<Article> all = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        all.add(article("rocked" + i, "Storm " + i, "The storm rocked the boats, note " + i));
        all.add(article("received" + i, "Letter " + i, "The letter was received, note " + i));
      }
      for (int i = 0; i < 3; i++) {
        all.add(article("rock" + i, "Governor " + i, "Governor Rockefeller spoke in Albany."));
      }
      index.write(all);

      SearchResponse typing =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("rockef"))));
      assertThat(typing.showingResultsFor()).isEqualTo("rockef*");
      assertThat(typing.hits()).extracting(SearchResponse.Hit::id).contains("rock0");
      SearchResponse governor =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("governor rockef"))));
      assertThat(governor.hits())
          .extracting(SearchResponse.Hit::id)
          .first()
          .asString()
          .startsWith("rock");
      SearchResponse typo =
          search.search(SearchRequest.fromParams(Map.of("q", List.of("recieved"))));
      assertThat(typo.showingResultsFor()).isEqualTo("received");
    }
  }
}
