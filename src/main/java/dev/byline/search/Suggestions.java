package dev.byline.search;

import dev.byline.article.Article;
import dev.byline.errors.InvalidRequestException;
import dev.byline.index.ArticleIndex;
import dev.byline.index.ArticleSearcher;
import dev.byline.index.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Completions as the user types: article titles, author names, sources and categories whose words
 * start with every word typed so far (anywhere in the value, not only at its start), accents and
 * case ignored. Names are ranked by how many articles carry them; titles by relevance.
 */
public final class Suggestions {
  public static final int DEFAULT_SIZE = 8;
  public static final int MAX_SIZE = 20;
  public static final int MAX_QUERY_CHARS = 200;
  private static final int PER_NAME_KIND = 2;
  private static final String[] NAME_FIELDS = {Schema.AUTHOR, Schema.SOURCE, Schema.CATEGORY};

  /** One completion: its kind ({@code title}, {@code author}, {@code source}, {@code category}). */
  public record Suggestion(String kind, String value, String id, Long count) {}

  private final ArticleIndex index;
  private final Analyzer analyzer = Schema.analyzer();

  public Suggestions(ArticleIndex index) {
    this.index = index;
  }

  public List<Suggestion> suggest(String typed, int size) throws IOException {
    if (size < 1 || size > MAX_SIZE) {
      throw new InvalidRequestException(
          "invalid_parameter", "size='" + size + "' must be between 1 and " + MAX_SIZE);
    }
    String q = typed == null ? "" : typed.strip();
    if (q.length() > MAX_QUERY_CHARS) {
      throw new InvalidRequestException(
          "query_too_long", "q is " + q.length() + " characters; at most " + MAX_QUERY_CHARS);
    }
    List<String> words = words(q);
    if (words.isEmpty()) return List.of();
    return index.withSearcher(
        searcher -> {
          List<Suggestion> out = new ArrayList<>();
          NameLists names = searcher.attachment(NameLists.class, s -> NameLists.build(s, analyzer));
          for (int f = 0; f < NAME_FIELDS.length; f++) {
            out.addAll(names.matching(f, NAME_FIELDS[f], words, PER_NAME_KIND));
          }
          int titles = Math.max(size - out.size(), size / 2);
          out.addAll(0, titles(searcher, q, words, titles));
          return out.size() > size ? out.subList(0, size) : out;
        });
  }

  /** Folded words of the typed text. */
  private List<String> words(String q) {
    List<String> out = new ArrayList<>();
    for (String w :
        analyzer.normalize(Schema.AUTHOR_TEXT, q).utf8ToString().split("[^\\p{L}\\p{N}]+", -1)) {
      if (!w.isEmpty()) out.add(w);
    }
    return out.size() > 10 ? out.subList(0, 10) : out;
  }

  private List<Suggestion> titles(ArticleSearcher searcher, String q, List<String> words, int n)
      throws IOException {
    if (n <= 0) return List.of(); // names already fill a small size=
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      boolean last = i == words.size() - 1 && !Character.isWhitespace(q.charAt(q.length() - 1));
      BooleanQuery.Builder either = new BooleanQuery.Builder();
      for (String stem : analyzeTitle(word, words.size() > 1)) {
        either.add(new TermQuery(new Term(Schema.TITLE, stem)), Occur.SHOULD);
      }
      if (last) {
        either.add(new PrefixQuery(new Term(Schema.TITLE, word)), Occur.SHOULD);
      }
      BooleanQuery clause = either.build();
      if (clause.clauses().isEmpty()) continue; // a stop word
      query.add(clause, Occur.MUST);
    }
    Query built = query.build();
    if (((BooleanQuery) built).clauses().isEmpty()) return List.of();
    // Syndicated copies and regular columns share a title ("Editorials"): each title once.
    List<Suggestion> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (ScoreDoc hit : searcher.search(built, n * 4).scoreDocs) {
      Article article = Schema.summaryOf(searcher.getIndexReader(), hit.doc);
      if (!seen.add(article.title().strip().toLowerCase(java.util.Locale.ROOT))) continue;
      out.add(new Suggestion("title", article.title(), article.id(), null));
      if (out.size() == n) break;
    }
    return out;
  }

  /** The indexed forms of a typed word; a stop word among other words has none (it need not match). */
  private List<String> analyzeTitle(String word, boolean amongOthers) {
    List<String> terms = new ArrayList<>();
    try (var ts = analyzer.tokenStream(Schema.TITLE, word)) {
      var term =
          ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
      var type = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.TypeAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        if (amongOthers && dev.byline.index.ArticleAnalyzer.STOP_TYPE.equals(type.type())) continue;
        terms.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  /** Every author, source and category with its folded form and article count, built once per view. */
  static final class NameLists {
    private final List<List<String>> values = new ArrayList<>();
    private final List<List<String[]>> folded = new ArrayList<>();
    private final List<long[]> counts = new ArrayList<>();

    static NameLists build(ArticleSearcher searcher, Analyzer analyzer) {
      NameLists lists = new NameLists();
      IndexReader reader = searcher.getIndexReader();
      try {
        for (String field : NAME_FIELDS) {
          List<String> vals = new ArrayList<>();
          List<String[]> fold = new ArrayList<>();
          SortedSetDocValues dv = MultiDocValues.getSortedSetValues(reader, field);
          if (dv != null) {
            TermsEnum terms = dv.termsEnum();
            for (BytesRef term = terms.next(); term != null; term = terms.next()) {
              String value = term.utf8ToString();
              vals.add(value);
              fold.add(
                  analyzer
                      .normalize(Schema.AUTHOR_TEXT, value)
                      .utf8ToString()
                      .split("[^\\p{L}\\p{N}]+"));
            }
          }
          long[] count = new long[vals.size()];
          for (int i = 0; i < vals.size(); i++)
            count[i] = reader.docFreq(new Term(field, vals.get(i)));
          lists.values.add(vals);
          lists.folded.add(fold);
          lists.counts.add(count);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return lists;
    }

    List<Suggestion> matching(int f, String kind, List<String> words, int max) {
      List<Integer> hits = new ArrayList<>();
      List<String[]> fold = folded.get(f);
      for (int i = 0; i < fold.size(); i++) {
        if (allPrefixes(words, fold.get(i))) hits.add(i);
      }
      long[] count = counts.get(f);
      hits.sort(
          Comparator.<Integer>comparingLong(i -> -count[i])
              .thenComparing(i -> values.get(f).get(i).toLowerCase(Locale.ROOT)));
      List<Suggestion> out = new ArrayList<>();
      for (int i : hits.subList(0, Math.min(max, hits.size()))) {
        out.add(new Suggestion(kind, values.get(f).get(i), null, count[i]));
      }
      return out;
    }

    private static boolean allPrefixes(List<String> typed, String[] valueWords) {
      for (String w : typed) {
        boolean found = false;
        for (String v : valueWords) {
          if (v.startsWith(w)) {
            found = true;
            break;
          }
        }
        if (!found) return false;
      }
      return true;
    }
  }
}
