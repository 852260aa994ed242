package dev.byline.search;

import dev.byline.article.Article;
import dev.byline.errors.NotFoundException;
import dev.byline.index.ArticleIndex;
import dev.byline.index.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.search.ScoreDoc;

/**
 * {@code GET /api/stories/{id}}: every copy of a story, the first publication, and how each copy
 * differs from it (headline, length). Thread-safe.
 */
public final class StoryView {
  /** Copies listed at most; {@link Story#size} still counts them all. */
  public static final int MAX_COPIES = 1_000;

  private final ArticleIndex index;

  public StoryView(ArticleIndex index) {
    this.index = index;
  }

  /**
   * A story and its copies.
   *
   * @param id the story's id
   * @param size how many articles the story has
   * @param first the id of the first publication: the earliest dated copy (the copy that started
   *     the story when none is dated, or the first by id)
   * @param copies the copies, earliest first (undated last, then by id), at most {@link
   *     #MAX_COPIES}
   * @param resolvedFrom the id asked for when it is an alias of this story (a story merged into
   *     this one by {@code bin/byline stories}), else null
   */
  public record Story(String id, long size, String first, List<Copy> copies, String resolvedFrom) {}

  /**
   * One copy and how it differs from the first publication.
   *
   * @param words the body's length in words
   * @param sameTitle whether its headline is the first publication's
   * @param wordsDifference its length minus the first publication's, in words
   */
  public record Copy(
      String id,
      String title,
      String url,
      String source,
      String date,
      int words,
      boolean first,
      boolean sameTitle,
      int wordsDifference) {}

  /**
   * The story with this id.
   *
   * @throws NotFoundException if no article is in it
   */
  public Story story(String asked) throws IOException {
    // A merged story's id resolves to the story it went into; an article not yet moved there
    // (the merge is under way) still shows under either.
    String id = index.resolveStory(asked);
    List<String> ids = id.equals(asked) ? List.of(id) : List.of(id, asked);
    // Each copy's summary and length, never its body: a story of a thousand 20 MB copies read
    // whole (to count their words) ran the server out of memory, a 500.
    List<Counted> articles =
        index.withSearcher(
            searcher -> {
              var hits = searcher.search(QueryBuilder.storyFilter(ids), MAX_COPIES);
              var reader = searcher.getIndexReader();
              List<Counted> found = new ArrayList<>();
              for (ScoreDoc d : hits.scoreDocs) {
                found.add(
                    new Counted(
                        Schema.summaryOf(reader, d.doc), Schema.bodyWordsOf(reader, d.doc)));
              }
              if (found.isEmpty()) {
                throw new NotFoundException("no story with id '" + asked + "'");
              }
              return found;
            });
    long size = index.withSearcher(s -> (long) s.count(QueryBuilder.storyFilter(ids)));
    articles.sort(
        Comparator.comparingLong(
                (Counted c) ->
                    c.article().date() == null ? Long.MAX_VALUE : c.article().date().epochMillis())
            // undated: the one that started it
            .thenComparing((Counted c) -> !c.article().id().equals(id))
            .thenComparing((Counted c) -> c.article().id()));
    Article first = articles.get(0).article();
    int firstWords = articles.get(0).words();
    List<Copy> copies = new ArrayList<>(articles.size());
    for (Counted c : articles) {
      Article a = c.article();
      int words = c.words();
      copies.add(
          new Copy(
              a.id(),
              a.title(),
              a.url(),
              a.source(),
              a.date() == null ? null : a.date().text(),
              words,
              a.id().equals(first.id()),
              a.title().strip().equalsIgnoreCase(first.title().strip()),
              words - firstWords));
    }
    return new Story(id, size, first.id(), copies, id.equals(asked) ? null : asked);
  }

  /** A copy without its body, and its body's length in words. */
  private record Counted(Article article, int words) {}
}
