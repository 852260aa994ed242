package dev.byline.search;

import dev.byline.article.DateParser;
import dev.byline.article.PublicationDate;
import dev.byline.errors.InvalidRequestException;
import dev.byline.index.Schema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Turns a {@link SearchRequest} into Lucene queries: the text query (what is scored and
 * highlighted) and the filters (which only restrict). Thread-safe; one instance serves all
 * requests.
 */
final class QueryBuilder {
  /** Field names that {@code syntax=lucene} accepts after a colon. */
  static final Set<String> LUCENE_FIELDS =
      Set.of(
          Schema.TITLE,
          Schema.BODY,
          Schema.AUTHOR,
          Schema.AUTHOR_TEXT,
          Schema.SOURCE,
          Schema.CATEGORY,
          Schema.LANGUAGE,
          Schema.ID,
          Schema.DATE);

  private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");

  private final Analyzer analyzer;
  private final MultiTermQuery.RewriteMethod expansion;
  private final Map<String, Float> weights;
  private final WordsQuery words;

  QueryBuilder(Analyzer analyzer) {
    this(analyzer, dev.byline.config.Limits.DEFAULT_MAX_EXPANSIONS, Ranking.DEFAULT);
  }

  /**
   * @param maxExpansions terms a prefix or wildcard may expand to: the most frequent are kept (see
   *     {@link FrequentTermsRewrite}), so {@code a*} costs no more than a long OR of common words
   * @param ranking field weights and how the words of a search-box query are matched
   */
  QueryBuilder(Analyzer analyzer, int maxExpansions, Ranking ranking) {
    this.analyzer = analyzer;
    this.expansion = new FrequentTermsRewrite(maxExpansions);
    this.weights =
        Map.of(
            Schema.TITLE,
            ranking.title(),
            Schema.BODY,
            ranking.body(),
            Schema.AUTHOR_TEXT,
            ranking.author());
    this.words = new WordsQuery(analyzer, ranking, expansion, maxExpansions);
  }

  /** The scored part of the request (see {@link #text} for the search box's relaxed form). */
  Query textQuery(SearchRequest request) {
    return text(request).query();
  }

  /**
   * The scored part of the request, and for the simple syntax the relaxed form to run when it
   * finds nothing (null when there is none).
   */
  WordsQuery.Built text(SearchRequest request) {
    if (request.browsing()) {
      return new WordsQuery.Built(MatchAllDocsQuery.INSTANCE, null);
    }
    if (request.syntax() == SearchRequest.Syntax.LUCENE) {
      return new WordsQuery.Built(onlyNegated(parseLucene(request.query())), null);
    }
    WordsQuery.Built built;
    try {
      built = words.build(TypedQuery.parse(request.query()));
    } catch (IndexSearcher.TooManyClauses e) {
      throw new InvalidRequestException(
          "query_too_complex",
          "the query needs more than "
              + IndexSearcher.getMaxClauseCount()
              + " clauses; use fewer words");
    }
    return built != null
        ? built
        : new WordsQuery.Built(new MatchNoDocsQuery("query has no searchable words"), null);
  }

  /** The filters of the request, or null when there are none. */
  Query filter(SearchRequest request) {
    return filter(request, null);
  }

  /**
   * The filters of the request but the one on {@code without} ({@link Schema#AUTHOR}, {@link
   * Schema#SOURCE}, {@link Schema#CATEGORY} or {@link Schema#DATE}), or null when none remain: what
   * that field's facet counts are taken over, so a reader can add more of its values.
   */
  Query filter(SearchRequest request, String without) {
    BooleanQuery.Builder filters = new BooleanQuery.Builder();
    int clauses = 0;
    if (!Schema.AUTHOR.equals(without))
      clauses += addTerms(filters, Schema.AUTHOR, request.authors());
    if (!Schema.SOURCE.equals(without))
      clauses += addTerms(filters, Schema.SOURCE, request.sources());
    if (!Schema.CATEGORY.equals(without))
      clauses += addTerms(filters, Schema.CATEGORY, request.categories());
    if (!Schema.STORY.equals(without) && !request.stories().isEmpty()) {
      filters.add(storyFilter(request.stories()), Occur.FILTER);
      clauses++;
    }
    if (!Schema.DATE.equals(without) && (request.from() != null || request.to() != null)) {
      filters.add(dateRange(request.from(), request.to()), Occur.FILTER);
      clauses++;
    }
    return clauses == 0 ? null : filters.build();
  }

  private static int addTerms(BooleanQuery.Builder filters, String field, List<String> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<BytesRef> terms = values.stream().map(BytesRef::new).toList();
    filters.add(new TermInSetQuery(field, terms), Occur.FILTER);
    return 1;
  }

  /**
   * The articles of these stories: those stored with one of them, and those stored with none whose
   * id is one of them (an article indexed without a story is a story of its own).
   */
  static Query storyFilter(List<String> stories) {
    List<BytesRef> terms = stories.stream().map(BytesRef::new).toList();
    Query ownStory =
        new BooleanQuery.Builder()
            .add(new TermInSetQuery(Schema.ID, terms), Occur.FILTER)
            .add(new org.apache.lucene.search.FieldExistsQuery(Schema.STORY), Occur.MUST_NOT)
            .build();
    return new BooleanQuery.Builder()
        .add(new TermInSetQuery(Schema.STORY, terms), Occur.SHOULD)
        .add(ownStory, Occur.SHOULD)
        .build();
  }

  /**
   * Inclusive date range. A day bound covers the whole day: {@code to=2023-04-10} includes every
   * article of April 10, whatever its time.
   */
  static Query dateRange(PublicationDate from, PublicationDate to) {
    long lower = from == null ? Long.MIN_VALUE : from.epochMillis();
    long upper = Long.MAX_VALUE;
    if (to != null) {
      upper = to.hasTime() ? to.epochMillis() : to.epochMillis() + 86_400_000L - 1;
    }
    return LongPoint.newRangeQuery(Schema.DATE, lower, upper);
  }

  /** A query of exclusions alone ({@code -sport}) means "everything but": Lucene needs the "everything". */
  private static Query onlyNegated(Query query) {
    if (query instanceof BooleanQuery bq
        && !bq.clauses().isEmpty()
        && bq.clauses().stream().allMatch(c -> c.occur() == Occur.MUST_NOT)) {
      BooleanQuery.Builder builder = new BooleanQuery.Builder();
      builder.add(MatchAllDocsQuery.INSTANCE, Occur.MUST);
      for (BooleanClause clause : bq.clauses()) {
        builder.add(clause);
      }
      return builder.build();
    }
    return query;
  }

  private Query parseLucene(String text) {
    // The classic parser is generated code with per-parse state: one per request (cheap: it only
    // holds references to the shared analyzer).
    LuceneSyntaxParser parser = new LuceneSyntaxParser(analyzer, weights);
    parser.setMultiTermRewriteMethod(expansion);
    parser.setDeterminizeWorkLimit(PatternLimits.DETERMINIZE_WORK_LIMIT);
    try {
      Query parsed = parser.parse(text);
      PatternLimits.checkBoosts(parsed);
      return parsed;
    } catch (ParseException e) {
      throw new InvalidRequestException("query_syntax", describe(e, text));
    } catch (IndexSearcher.TooManyClauses e) {
      throw new InvalidRequestException("query_too_complex", e.getMessage());
    } catch (TooComplexToDeterminizeException e) {
      throw PatternLimits.tooComplexToDeterminize();
    } catch (IllegalArgumentException e) {
      // e.g. a regular expression that does not parse
      throw new InvalidRequestException("query_syntax", "cannot parse query: " + e.getMessage());
    }
  }

  private static String describe(ParseException e, String text) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    // The parser's message starts with "Cannot parse '<whole query>': "; the query is known to the
    // caller, so keep the part that says what went wrong, and where.
    String prefix = "Cannot parse '" + text + "': ";
    if (message.startsWith(prefix)) {
      message = message.substring(prefix.length());
    }
    message = message.lines().findFirst().orElse(message).strip();
    Matcher position = POSITION.matcher(message);
    String where = position.find() ? " (at column " + position.group(2) + ")" : "";
    return "query syntax error" + where + ": " + message;
  }

  /** The classic syntax, over the text fields by default, knowing which fields exist and which are dates. */
  private static final class LuceneSyntaxParser extends MultiFieldQueryParser {
    /** The characters of the fuzzy words parsed so far (see {@link PatternLimits#checkFuzzyTotal}). */
    private int fuzzyChars;

    /** Whether a fuzzy word of the default fields is being made once a field (counted once). */
    private boolean fuzzyInEachField;

    LuceneSyntaxParser(Analyzer analyzer, Map<String, Float> weights) {
      super(Schema.TEXT_FIELDS.toArray(String[]::new), analyzer, weights);
      setDefaultOperator(QueryParser.Operator.AND);
      setAllowLeadingWildcard(false);
    }

    @Override
    protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
      checkField(field);
      if (Schema.DATE.equals(field)) {
        PublicationDate day = parseDate(text);
        return dateRange(day, day);
      }
      return super.getFieldQuery(field, text, quoted);
    }

    @Override
    protected Query getFieldQuery(String field, String text, int slop) throws ParseException {
      checkField(field);
      if (slop > 0) checkSloppyPhrase(text);
      return super.getFieldQuery(field, text, slop);
    }

    @Override
    protected Query getRangeQuery(
        String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
        throws ParseException {
      checkField(field);
      if (Schema.DATE.equals(field)) {
        PublicationDate from = part1 == null || part1.equals("*") ? null : parseDate(part1);
        PublicationDate to = part2 == null || part2.equals("*") ? null : parseDate(part2);
        return dateRange(from, to);
      }
      return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
    }

    @Override
    protected Query getPrefixQuery(String field, String termStr) throws ParseException {
      checkField(field);
      return super.getPrefixQuery(field, termStr);
    }

    @Override
    protected Query getWildcardQuery(String field, String termStr) throws ParseException {
      checkField(field);
      return super.getWildcardQuery(field, termStr);
    }

    @Override
    protected Query getFuzzyQuery(String field, String termStr, float minSimilarity)
        throws ParseException {
      checkField(field);
      if (fuzzyInEachField) return super.getFuzzyQuery(field, termStr, minSimilarity);
      PatternLimits.checkFuzzy(termStr);
      fuzzyChars = PatternLimits.checkFuzzyTotal(termStr, fuzzyChars);
      if (field != null) return super.getFuzzyQuery(field, termStr, minSimilarity);
      // MultiFieldQueryParser calls back here for each default field.
      fuzzyInEachField = true;
      try {
        return super.getFuzzyQuery(field, termStr, minSimilarity);
      } finally {
        fuzzyInEachField = false;
      }
    }

    @Override
    protected Query getRegexpQuery(String field, String termStr) throws ParseException {
      checkField(field);
      PatternLimits.checkRegex(termStr);
      return super.getRegexpQuery(field, termStr);
    }

    /** Refuses a phrase with slop of more than {@link PatternLimits#MAX_SLOPPY_PHRASE_WORDS} words. */
    private void checkSloppyPhrase(String text) {
      int words = 0;
      try (org.apache.lucene.analysis.TokenStream ts =
          getAnalyzer().tokenStream(Schema.BODY, text)) {
        ts.reset();
        while (ts.incrementToken()) words++;
        ts.end();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e); // a StringReader does not fail
      }
      if (words > PatternLimits.MAX_SLOPPY_PHRASE_WORDS) {
        throw new InvalidRequestException(
            "query_too_complex",
            "a phrase with ~slop may have at most "
                + PatternLimits.MAX_SLOPPY_PHRASE_WORDS
                + " words (got: "
                + words
                + "); without ~ any number is matched in order");
      }
    }

    private static void checkField(String field) throws ParseException {
      if (field != null && !LUCENE_FIELDS.contains(field)) {
        throw new ParseException(
            "unknown field '"
                + field
                + "' (fields: "
                + String.join(", ", LUCENE_FIELDS.stream().sorted().toList())
                + ")");
      }
    }

    private static PublicationDate parseDate(String text) throws ParseException {
      try {
        return DateParser.parse(text);
      } catch (IllegalArgumentException e) {
        throw new ParseException(e.getMessage());
      }
    }
  }
}
