package dev.byline.search;

import dev.byline.article.Article;
import dev.byline.index.ArticleSearcher;
import dev.byline.index.Schema;
import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Highlighted snippets of the body and the title, HTML-escaped with matches in {@code <mark>}.
 *
 * <p>Match positions come from the offsets stored in the postings (see {@link Schema}), so no hit
 * is re-analysed. One instance per searcher view, attached to it: the highlighters are built once
 * per refresh and shared by all requests.
 */
final class Snippets {
  static final int MAX_BODY_PASSAGES = 3;

  /** Passages are grown sentence by sentence to about this many characters. */
  static final int PASSAGE_LENGTH_GOAL = 200;

  /**
   * Snippets come from the first this many characters of a body (Elasticsearch's
   * max_analyzed_offset plays the same part): finding sentence bounds around every match of an
   * 18-million-character body took minutes, outside any time limit. A news article is far shorter.
   */
  static final int SNIPPET_SOURCE_CHARS = 200_000;

  /**
   * Characters of a body in which the article view marks the query's words; the rest is given as
   * text. A million characters is a long book's chapter; marking every word of a 20 MB body took
   * 13-22 s and held a search slot past the time limit.
   */
  static final int WHOLE_BODY_MARKED_CHARS = 1_000_000;

  /** The page highlighter's settings; a request makes its own highlighter from them (cheap). */
  private final UnifiedHighlighter.Builder pageSettings;

  /** The article view's settings: the whole body as one passage, line breaks kept. */
  private final UnifiedHighlighter.Builder wholeBodySettings;

  Snippets(ArticleSearcher searcher, Analyzer analyzer) {
    this.pageSettings =
        UnifiedHighlighter.builder(searcher, analyzer)
            .withMaxLength(SNIPPET_SOURCE_CHARS)
            .withScorer(new PassageScores())
            .withHandleMultiTermQuery(true)
            .withFormatter(new EscapingFormatter());
    this.wholeBodySettings =
        UnifiedHighlighter.builder(searcher, analyzer)
            .withBreakIterator(WholeBreakIterator::new)
            .withMaxLength(WHOLE_BODY_MARKED_CHARS)
            .withMaxNoHighlightPassages(1)
            .withHandleMultiTermQuery(true)
            .withFormatter(new EscapingFormatter(true));
  }

  /**
   * {@code article} with its body cut to the first {@link #SNIPPET_SOURCE_CHARS} characters (whole
   * characters: a surrogate pair is not split), all a page's snippets are made from.
   */
  static Article sourceOf(Article article) {
    String body = article.body();
    if (body.length() <= SNIPPET_SOURCE_CHARS) return article;
    int cut = SNIPPET_SOURCE_CHARS;
    if (Character.isLowSurrogate(body.charAt(cut))
        && Character.isHighSurrogate(body.charAt(cut - 1))) cut--;
    return new Article(
        article.id(),
        article.url(),
        article.title(),
        body.substring(0, cut),
        article.author(),
        article.date(),
        article.source(),
        article.category(),
        article.language(),
        article.story());
  }

  /** The highlighted titles and body snippets of a page of hits. */
  record Highlights(List<String> titles, List<List<String>> bodies) {}

  /**
   * Highlights the titles (whole, matches marked) and bodies (1 to {@value #MAX_BODY_PASSAGES}
   * passages) of a page of hits in one pass. {@code articles[i]} is the stored article of {@code
   * docIds[i]}, already loaded for the response: the highlighter reads the text from it instead of
   * decoding the stored fields a second time.
   */
  Highlights page(Query query, int[] docIds, List<Article> articles) throws IOException {
    Map<Integer, Article> byDoc = new HashMap<>();
    for (int i = 0; i < docIds.length; i++) byDoc.put(docIds[i], articles.get(i));
    Map<String, Object[]> result =
        new PageHighlighter(pageSettings, byDoc, true)
            .highlightAsObjects(
                new String[] {Schema.TITLE, Schema.BODY},
                query,
                docIds,
                new int[] {1, MAX_BODY_PASSAGES});
    List<String> titles = new ArrayList<>(docIds.length);
    for (Object formatted : result.get(Schema.TITLE)) {
      List<String> passages = asList(formatted);
      titles.add(passages.isEmpty() ? null : passages.get(0));
    }
    List<List<String>> bodies = new ArrayList<>(docIds.length);
    for (Object formatted : result.get(Schema.BODY)) bodies.add(asList(formatted));
    return new Highlights(titles, bodies);
  }

  /**
   * The whole body of {@code article}, stored as doc {@code docId}, escaped, paragraph breaks kept,
   * matches marked in its first {@link #WHOLE_BODY_MARKED_CHARS} characters. The text is the one
   * given, not read again: an article view decoded a 20 MB body from the index four times.
   */
  String wholeBody(Query query, int docId, Article article) throws IOException {
    String body = article.body();
    Object[] perDoc =
        new PageHighlighter(wholeBodySettings, Map.of(docId, article), false)
            .highlightAsObjects(new String[] {Schema.BODY}, query, new int[] {docId}, new int[] {1})
            .get(Schema.BODY);
    List<String> passages = asList(perDoc[0]);
    String marked = passages.isEmpty() ? null : passages.get(0);
    if (body == null || body.length() <= WHOLE_BODY_MARKED_CHARS) return marked;
    // The highlighter read the body up to the cut and stripped the whitespace before it.
    int cut = WHOLE_BODY_MARKED_CHARS;
    if (Character.isLowSurrogate(body.charAt(cut))
        && Character.isHighSurrogate(body.charAt(cut - 1)))
      cut--; // as the highlighter's cut, which keeps whole characters
    int from = cut;
    while (from > 0 && Character.isWhitespace(body.charAt(from - 1))) from--;
    StringBuilder whole = new StringBuilder(marked == null ? "" : marked);
    EscapingFormatter.escape(body, from, body.length(), whole);
    return whole.toString().stripTrailing();
  }

  /** The whole title of {@code article}, stored as doc {@code docId}, escaped, matches marked. */
  String title(Query query, int docId, Article article) throws IOException {
    Object[] perDoc =
        new PageHighlighter(pageSettings, Map.of(docId, article), true)
            .highlightAsObjects(
                new String[] {Schema.TITLE}, query, new int[] {docId}, new int[] {1})
            .get(Schema.TITLE);
    List<String> passages = asList(perDoc[0]);
    return passages.isEmpty() ? null : passages.get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<String> asList(Object formatted) {
    return formatted == null ? List.of() : (List<String>) formatted;
  }

  /**
   * Title and body in one pass: with {@code pagePassages}, the whole title as its one passage and
   * the body in sentence-grown passages (else as {@code builder} says); the text comes from
   * articles the caller has already loaded, when it has.
   */
  private static final class PageHighlighter extends ExposedHighlighter {
    private final Map<Integer, Article> preloaded;
    private final boolean pagePassages;

    /**
     * @param preloaded stored articles by doc id; the others are read from the index
     * @param pagePassages a search page's passages, or the builder's (a whole article)
     */
    PageHighlighter(Builder builder, Map<Integer, Article> preloaded, boolean pagePassages) {
      super(builder);
      this.preloaded = preloaded;
      this.pagePassages = pagePassages;
    }

    @Override
    protected BreakIterator getBreakIterator(String field) {
      if (!pagePassages) return super.getBreakIterator(field);
      if (Schema.TITLE.equals(field)) return new WholeBreakIterator();
      // Grown sentence by sentence to about the goal; the match about a third of the way in.
      return LengthGoalBreakIterator.createClosestToLength(
          new SentenceBreaks(), PASSAGE_LENGTH_GOAL, 0.33f);
    }

    @Override
    protected int getMaxNoHighlightPassages(String field) {
      if (!pagePassages) return super.getMaxNoHighlightPassages(field);
      return 1; // nothing matched: the whole title, the body's opening
    }

    @Override
    protected List<CharSequence[]> loadFieldValues(
        String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold) throws IOException {
      if (preloaded.isEmpty()) return super.loadFieldValues(fields, docIter, cacheCharsThreshold);
      List<CharSequence[]> values = new ArrayList<>();
      for (int doc = docIter.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = docIter.nextDoc()) {
        Article article = preloaded.get(doc);
        CharSequence[] row = new CharSequence[fields.length];
        for (int f = 0; f < fields.length; f++) {
          String text =
              article == null
                  ? ""
                  : Schema.TITLE.equals(fields[f]) ? article.title() : article.body();
          // As the loader this replaces does: only the first maxLength characters are highlighted.
          row[f] = text.length() > getMaxLength() ? text.substring(0, getMaxLength()) : text;
        }
        values.add(row);
      }
      return values;
    }
  }

  /** Makes the per-passage form of the highlighter's result reachable. */
  private static class ExposedHighlighter extends UnifiedHighlighter {
    ExposedHighlighter(Builder builder) {
      super(builder);
    }

    Map<String, Object[]> highlightAsObjects(
        String[] fields, Query query, int[] docIds, int[] maxPassages) throws IOException {
      return highlightFieldsAsObjects(fields, query, docIds, maxPassages);
    }
  }

  /**
   * Formats passages as a list of strings. Escaping comes first and covers every character of the
   * article, so markup inside an article can never reach a page as markup; the only tags in the
   * output are our own {@code <mark>}s.
   */
  static final class EscapingFormatter extends PassageFormatter {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private final boolean keepWhitespace;

    EscapingFormatter() {
      this(false);
    }

    /** @param keepWhitespace keep line breaks (a whole article), or fold them (a snippet) */
    EscapingFormatter(boolean keepWhitespace) {
      this.keepWhitespace = keepWhitespace;
    }

    @Override
    public Object format(Passage[] passages, String content) {
      List<String> out = new ArrayList<>(passages.length);
      for (Passage passage : passages) {
        StringBuilder sb = new StringBuilder();
        int pos = passage.getStartOffset();
        int[] starts = passage.getMatchStarts();
        int[] ends = passage.getMatchEnds();
        for (int i = 0; i < passage.getNumMatches(); i++) {
          int start = starts[i];
          int end = ends[i];
          // Matches next to each other (a phrase) become one mark.
          while (i + 1 < passage.getNumMatches() && starts[i + 1] <= end + 1) {
            end = Math.max(end, ends[++i]);
          }
          if (start < pos) {
            start = pos; // overlapping match: continue where the last one ended
          }
          if (end <= start) {
            continue;
          }
          escape(content, pos, start, sb);
          sb.append("<mark>");
          escape(content, start, end, sb);
          sb.append("</mark>");
          pos = end;
        }
        escape(content, pos, Math.max(pos, passage.getEndOffset()), sb);
        // Paragraph breaks inside a passage mean nothing in a one-line snippet.
        String text =
            keepWhitespace ? sb.toString().strip() : WHITESPACE.matcher(sb).replaceAll(" ").strip();
        if (!text.isEmpty()) {
          out.add(text);
        }
      }
      return out;
    }

    static void escape(String content, int start, int end, StringBuilder out) {
      for (int i = start; i < end; i++) {
        char c = content.charAt(i);
        switch (c) {
          case '&' -> out.append("&amp;");
          case '<' -> out.append("&lt;");
          case '>' -> out.append("&gt;");
          case '"' -> out.append("&quot;");
          case '\'' -> out.append("&#39;");
          default -> out.append(c);
        }
      }
    }
  }
}
