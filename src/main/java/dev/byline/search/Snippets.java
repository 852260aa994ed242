package dev.byline.search;

import dev.byline.index.ArticleSearcher;
import dev.byline.index.Schema;
import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
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

  private final ExposedHighlighter body;
  private final ExposedHighlighter title;
  private final ExposedHighlighter wholeBody;

  Snippets(ArticleSearcher searcher, Analyzer analyzer) {
    this.body =
        new ExposedHighlighter(
            UnifiedHighlighter.builder(searcher, analyzer)
                .withBreakIterator(
                    () ->
                        LengthGoalBreakIterator.createClosestToLength(
                            BreakIterator.getSentenceInstance(Locale.ENGLISH),
                            PASSAGE_LENGTH_GOAL,
                            0.33f)) // the match about a third of the way in, as Solr does
                .withMaxLength(Integer.MAX_VALUE - 1)
                // Nothing matched in the body (a title-only match, or browsing): show its opening.
                .withMaxNoHighlightPassages(1)
                .withHandleMultiTermQuery(true)
                .withFormatter(new EscapingFormatter()));
    this.wholeBody =
        new ExposedHighlighter(
            UnifiedHighlighter.builder(searcher, analyzer)
                .withBreakIterator(WholeBreakIterator::new)
                .withMaxLength(Integer.MAX_VALUE - 1)
                .withMaxNoHighlightPassages(1)
                .withHandleMultiTermQuery(true)
                .withFormatter(new EscapingFormatter(true)));
    this.title =
        new ExposedHighlighter(
            UnifiedHighlighter.builder(searcher, analyzer)
                .withBreakIterator(WholeBreakIterator::new)
                .withMaxNoHighlightPassages(1)
                .withHandleMultiTermQuery(true)
                .withFormatter(new EscapingFormatter()));
  }

  /** Body snippets for each doc: 1 to {@value #MAX_BODY_PASSAGES} passages, in text order. */
  List<List<String>> body(Query query, int[] docIds) throws IOException {
    return highlight(body, Schema.BODY, query, docIds, MAX_BODY_PASSAGES);
  }

  /** The whole body of one doc, escaped, matches marked, paragraph breaks kept. */
  String wholeBody(Query query, int docId) throws IOException {
    List<String> passages = highlight(wholeBody, Schema.BODY, query, new int[] {docId}, 1).get(0);
    return passages.isEmpty() ? null : passages.get(0);
  }

  /** The whole title of each doc, escaped, with matches marked. */
  List<String> title(Query query, int[] docIds) throws IOException {
    List<List<String>> passages = highlight(title, Schema.TITLE, query, docIds, 1);
    return passages.stream().map(p -> p.isEmpty() ? null : p.get(0)).toList();
  }

  private static List<List<String>> highlight(
      ExposedHighlighter highlighter, String field, Query query, int[] docIds, int passages)
      throws IOException {
    int[] maxPassages = {passages};
    Map<String, Object[]> result =
        highlighter.highlightAsObjects(new String[] {field}, query, docIds, maxPassages);
    Object[] perDoc = result.get(field);
    List<List<String>> out = new ArrayList<>(docIds.length);
    for (Object formatted : perDoc) {
      @SuppressWarnings("unchecked")
      List<String> list = formatted == null ? List.of() : (List<String>) formatted;
      out.add(list);
    }
    return out;
  }

  /** Makes the per-passage form of the highlighter's result reachable. */
  private static final class ExposedHighlighter extends UnifiedHighlighter {
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
        String text = keepWhitespace ? sb.toString().strip() : WHITESPACE.matcher(sb).replaceAll(" ").strip();
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
