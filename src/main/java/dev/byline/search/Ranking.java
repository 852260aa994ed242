package dev.byline.search;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the words of a search-box query are weighed: field weights, how many of the words an
 * article must hold, and how much words found together count. {@link #DEFAULT} is chosen by
 * measurement on judged collections ({@code bin/bench relevance}); the other values exist so the
 * kit can measure alternatives side by side.
 *
 * @param title weight of a word found in the title
 * @param body weight of a word found in the body
 * @param author weight of a word found in an author's name
 * @param blend whether title and body are scored as one field (BM25F, Lucene's {@code
 *     CombinedFieldQuery}: a word's occurrences in both are added, weighted, before saturation)
 *     rather than as two scores added up; with it, title and body weights must be at least 1
 * @param allWordsUpTo queries of up to this many words need every word (like Elasticsearch's
 *     {@code operator: and}); longer ones need {@code longQueryShare} of them, at least one
 * @param longQueryShare share of the words a long query's matches must hold (0: any one word)
 * @param functionWordsInLongQueries whether a long query treats function words ({@code what},
 *     {@code which}, {@code been}: {@code ArticleAnalyzer.FUNCTION_WORDS}) as stop words
 * @param phrase weight of the query's words found as a phrase (within {@code phraseSlop} moves)
 * @param phraseSlop positions the words may be moved for the phrase boost
 * @param pairs weight of each two neighbouring words of the query found within {@code pairSlop}
 *     moves of each other (Solr edismax's {@code pf2}): proximity without the whole phrase
 * @param pairSlop positions the neighbouring words may be moved
 * @param exact weight of a word found in the title or body as typed (unstemmed, folded): among
 *     articles holding a stem, those holding the very word rank first, so that a name is not lost
 *     among the words it stems with ("mays" / "may", "maris" / "mary")
 */
public record Ranking(
    float title,
    float body,
    float author,
    boolean blend,
    int allWordsUpTo,
    float longQueryShare,
    boolean functionWordsInLongQueries,
    float phrase,
    int phraseSlop,
    float pairs,
    int pairSlop,
    float exact) {

  public static final Ranking DEFAULT =
      new Ranking(2.0f, 1.0f, 1.0f, true, 3, 0.0f, true, 1.0f, 2, 0.2f, 2, 0.5f);

  public Ranking {
    if (title < 0 || body <= 0 || author < 0 || phrase < 0 || pairs < 0 || exact < 0) {
      throw new IllegalArgumentException(
          "weights must be >= 0 and body > 0 (got: " + describe(title, body, author) + ")");
    }
    if (blend && (title < 1 || body < 1)) {
      throw new IllegalArgumentException(
          "blended title and body weights must be >= 1 (got: "
              + describe(title, body, author)
              + ")");
    }
    if (allWordsUpTo < 1
        || longQueryShare < 0
        || longQueryShare > 1
        || phraseSlop < 0
        || pairSlop < 0) {
      throw new IllegalArgumentException(
          "allWordsUpTo must be >= 1, longQueryShare in [0, 1], slops >= 0 (got: "
              + allWordsUpTo
              + ", "
              + longQueryShare
              + ", "
              + phraseSlop
              + ", "
              + pairSlop
              + ")");
    }
  }

  private static String describe(float title, float body, float author) {
    return "title=" + title + ", body=" + body + ", author=" + author;
  }

  /** How many of {@code words} content words an article must hold (never fewer than one). */
  int wordsRequired(int words) {
    if (words <= allWordsUpTo) return words;
    return Math.max(1, (int) Math.ceil(words * longQueryShare));
  }

  /**
   * Reads {@code name=value,name=value} over {@link #DEFAULT} (names as the components, any case),
   * for the relevance kit's variants.
   */
  public static Ranking parse(String spec) {
    Map<String, String> v = new LinkedHashMap<>();
    Ranking d = DEFAULT;
    v.put("title", "" + d.title);
    v.put("body", "" + d.body);
    v.put("author", "" + d.author);
    v.put("blend", "" + d.blend);
    v.put("allwordsupto", "" + d.allWordsUpTo);
    v.put("longqueryshare", "" + d.longQueryShare);
    v.put("functionwords", "" + d.functionWordsInLongQueries);
    v.put("phrase", "" + d.phrase);
    v.put("phraseslop", "" + d.phraseSlop);
    v.put("pairs", "" + d.pairs);
    v.put("pairslop", "" + d.pairSlop);
    v.put("exact", "" + d.exact);
    if (spec != null && !spec.isBlank()) {
      for (String pair : spec.split(",", -1)) {
        String[] kv = pair.split("=", 2);
        String name = kv[0].strip().toLowerCase(Locale.ROOT);
        if (kv.length != 2 || !v.containsKey(name)) {
          throw new IllegalArgumentException(
              "expected name=value with a name of " + v.keySet() + ", got: " + pair);
        }
        v.put(name, kv[1].strip());
      }
    }
    return new Ranking(
        Float.parseFloat(v.get("title")),
        Float.parseFloat(v.get("body")),
        Float.parseFloat(v.get("author")),
        Boolean.parseBoolean(v.get("blend")),
        Integer.parseInt(v.get("allwordsupto")),
        Float.parseFloat(v.get("longqueryshare")),
        Boolean.parseBoolean(v.get("functionwords")),
        Float.parseFloat(v.get("phrase")),
        Integer.parseInt(v.get("phraseslop")),
        Float.parseFloat(v.get("pairs")),
        Integer.parseInt(v.get("pairslop")),
        Float.parseFloat(v.get("exact")));
  }
}
