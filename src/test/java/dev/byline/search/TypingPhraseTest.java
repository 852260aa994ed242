package dev.byline.search;

import static dev.byline.search.SmallArchive.article;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import dev.byline.index.ArticleIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page searches at each key: "world ser" is "world series" on its way. The articles holding
 * the words typed so far side by side with a word the last one starts rank first, not those that
 * hold the finished words most often and some word the last one starts anywhere.
 */
class TypingPhraseTest {
  @TempDir static Path dir;
  private static ArticleIndex index;
  private static ArticleSearch search;

  @BeforeAll
  static void load() throws IOException {
    index = ArticleIndex.open(dir.resolve("index"));
    List<Article> articles = new ArrayList<>(SmallArchive.otherNews(40));
    // Each says "world" often and has words starting "ser", none next to "world".
    for (int i = 0; i < 6; i++) {
      articles.add(
          article(
              "world" + i,
              "The world at large " + i,
              "The world watched. The world waited; the world spoke of peace "
                  + i
                  + ". Waiters serve tea in a serene world, a serious world, after a series of talks."));
    }
    articles.add(
        article(
            "series",
            "Baseball in October",
            "The Yankees won the World Series again, in five games."));
    articles.add(
        article(
            "servicemen",
            "Letters home",
            "Letters from servicemen all over the world reached the paper."));
    // Stop words between the finished word and the one being typed are kept in the phrase.
    for (int i = 0; i < 4; i++) {
      articles.add(
          article(
              "state" + i,
              "State news " + i,
              "The state budget, the state roads, the state union of teachers " + i));
    }
    articles.add(
        article(
            "address",
            "The President speaks",
            "His State of the Union message asked for more schools."));
    // "united nat" on its way to "united nations": one article holds "nat" as a word.
    for (int i = 0; i < 6; i++) {
      articles.add(
          article(
              "nations" + i,
              "At the United Nations " + i,
              "The United Nations met; the national delegates spoke " + i));
    }
    articles.add(
        article("nat", "A concert", "United in song, Nat sang for the crowd at the stadium."));
    // A finished word that starts a few more ("gas", "gases", "gasoline") is not completed.
    for (int i = 0; i < 3; i++) {
      articles.add(article("gas" + i, "Gas " + i, "The poison gas drifted over the field " + i));
    }
    articles.add(article("gasoline", "Fuel", "Poison in the gasoline, and gases."));
    // An acronym in capitals is finished: "NASA" is neither "nasal" nor its start.
    for (int i = 0; i < 5; i++) {
      articles.add(article("nasal" + i, "A cold " + i, "His nasal voice carried " + i));
    }
    // Finished names that start many words: "West Ham" (hamlets, Hamilton), "Sixt" (sixth).
    articles.add(article("westham", "Football", "West Ham won at home on Saturday."));
    for (int i = 0; i < 6; i++) {
      articles.add(
          article(
              "hamlet" + i,
              "Out west " + i,
              "The west of the county: hamlets, Hamilton and a hammer mill " + i));
      articles.add(article("sixth" + i, "Anniversary " + i, "The sixth year, sixty guests " + i));
    }
    articles.add(article("sixt", "Car rental", "Sixt rents cars at the airport."));
    for (int i = 0; i < 30; i++) {
      articles.add(article("sixth-more" + i, "Round " + i, "The sixth round " + i));
    }
    index.write(articles);
    search = new ArticleSearch(index);
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  @Test
  void the_words_typed_so_far_next_to_a_word_the_last_one_starts_rank_first() throws IOException {
    assertThat(SmallArchive.ids(search, "world ser")).first().isEqualTo("series");
    assertThat(SmallArchive.ids(search, "world ser*")).first().isEqualTo("series");
    assertThat(SmallArchive.ids(search, "state of the uni")).first().isEqualTo("address");
  }

  @Test
  void a_last_word_that_finds_little_is_completed_when_it_starts_far_more_words()
      throws IOException {
    SearchResponse nat = find("united nat");
    assertThat(nat.showingResultsFor()).isEqualTo("united nat*");
    assertThat(nat.hits())
        .extracting(SearchResponse.Hit::id)
        .first()
        .asString()
        .startsWith("nations");
    SearchResponse gas = find("poison gas");
    assertThat(gas.showingResultsFor()).isNull();
    SearchResponse nasa = find("NASA");
    assertThat(nasa.showingResultsFor()).isNull();
    assertThat(nasa.total()).isZero();
  }

  @Test
  void words_typed_that_stand_together_or_a_capitalized_name_are_finished() throws IOException {
    // An outside probe on real news pages: "West Ham", "Vision Pro", "Twitter Lite" and "Sixt"
    // each found its one article, and were then shown 4 to 96 articles as "West Ham*"...
    SearchResponse westHam = find("west ham");
    assertThat(westHam.showingResultsFor()).isNull();
    assertThat(westHam.hits()).extracting(SearchResponse.Hit::id).containsExactly("westham");
    SearchResponse sixt = find("Sixt");
    assertThat(sixt.showingResultsFor()).isNull();
    assertThat(sixt.hits()).extracting(SearchResponse.Hit::id).containsExactly("sixt");
    assertThat(sixt.suggestion()).as("offered, not imposed").isEqualTo("sixth");
    // A held word typed in lower case alone may still be one on its way.
    assertThat(find("sixt").showingResultsFor()).isEqualTo("sixt*");
  }

  private static SearchResponse find(String q) throws IOException {
    return search.search(SearchRequest.fromParams(java.util.Map.of("q", List.of(q))));
  }

  @Test
  void a_finished_last_word_is_read_as_its_stem_in_the_phrase() throws IOException {
    // "series" is indexed as its stem, which "series*" does not start.
    assertThat(SmallArchive.ids(search, "world series*")).first().isEqualTo("series");
  }

  @Test
  void the_phrase_only_ranks_it_matches_nothing_new() throws IOException {
    List<String> ids = SmallArchive.ids(search, "world ser*");
    assertThat(ids).doesNotContain("address").contains("servicemen");
  }
}
