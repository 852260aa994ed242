package dev.byline.search;

import dev.byline.article.Article;
import dev.byline.config.Limits;
import dev.byline.embed.Embedder;
import dev.byline.errors.InvalidRequestException;
import dev.byline.index.ArticleIndex;
import dev.byline.index.ArticleSearcher;
import dev.byline.index.Schema;
import dev.byline.index.SearchDeadline;
import dev.byline.index.SearchTurn;
import dev.byline.search.SearchRequest.Mode;
import dev.byline.search.SearchRequest.SortOrder;
import dev.byline.search.SearchResponse.FacetValue;
import dev.byline.search.SearchResponse.Hit;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BytesRef;

/**
 * Runs searches against an {@link ArticleIndex}: query, filters, sort and paging in one pass that
 * also collects the matches for facet counting, then snippets for the page. Thread-safe.
 */
public final class ArticleSearch {
  /**
   * Without facets, matches are counted exactly up to this many; beyond it the total is a lower
   * bound ({@code total_relation: gte}), as in Lucene's and Elasticsearch's defaults.
   */
  public static final int EXACT_TOTAL_UP_TO = 1_000;

  /** Equal scores (a prefix alone scores the same everywhere) are broken newest first. */
  private static final Sort BY_RELEVANCE =
      new Sort(
          SortField.FIELD_SCORE, dateField(true), new SortField(Schema.ID, SortField.Type.STRING));

  private static final Sort NEWEST_FIRST = dateSort(true);
  private static final Sort OLDEST_FIRST = dateSort(false);

  private final ArticleIndex index;
  private final Analyzer analyzer;
  private final QueryBuilder queries;
  private final Spelling spelling;
  private final FacetCounts facetCounts;
  private final Clock clock;
  private final Limits limits;
  private final ResultCache cache;

  /** The query's vector for semantic and hybrid search; null while semantic search is off. */
  private final Embedder embedder;

  /** The field of the embedder's vectors ({@link Schema#vectorField}); null without one. */
  private final String vectorField;

  private final QueryVectors queryVectors; // null when semantic search is off

  /**
   * Second threads for counting a large match set while a core is idle (see {@link
   * SearchTurn#borrowIdle}); as many as searches may run at once, idle ones ending after 30 s.
   */
  private final java.util.concurrent.ThreadPoolExecutor counting;

  /** A view at least this large counts a search's matches on two threads when it can. */
  static final int TWO_THREAD_COUNT_FROM_DOCS = 100_000;

  /**
   * Vector hits a semantic or hybrid search considers, whatever the page: the nearest articles,
   * and in hybrid mode the best keyword hits, fused. Their results end there.
   */
  static final int VECTOR_CANDIDATES = 100;

  /**
   * How many candidates the quantized graph search returns per vector hit kept: the top {@code
   * VECTOR_CANDIDATES * VECTOR_OVERSAMPLE} by int7 score are rescored with the full floats.
   */
  static final int VECTOR_OVERSAMPLE = 2;

  public ArticleSearch(ArticleIndex index) {
    this(index, Clock.systemUTC(), Limits.DEFAULTS);
  }

  /**
   * @param clock what "today" is for date phrases such as "last week" (a seam for tests)
   * @param limits the search time limit and the expansion limit of prefixes and wildcards
   */
  public ArticleSearch(ArticleIndex index, Clock clock, Limits limits) {
    this(index, clock, limits, Ranking.DEFAULT);
  }

  /**
   * Raises Lucene's JVM-wide clause limit so that it never stops a query this server's own limit
   * ({@link Limits#maxClauses()}, checked per request) allows. Call once at start-up, before any
   * search; Lucene's default (1,024) suffices for Byline's defaults.
   */
  public static void allowClausesUpTo(int maxClauses) {
    if (maxClauses > IndexSearcher.getMaxClauseCount()) IndexSearcher.setMaxClauseCount(maxClauses);
  }

  /**
   * A search over this index with these limits and ranking settings.
   *
   * @param ranking how the words of a search-box query are weighed and matched
   */
  public ArticleSearch(ArticleIndex index, Clock clock, Limits limits, Ranking ranking) {
    this(index, clock, limits, ranking, null);
  }

  /**
   * As {@link #ArticleSearch(ArticleIndex, Clock, Limits, Ranking)}, with semantic search when
   * {@code embedder} is not null: then {@code mode=semantic} and {@code mode=hybrid} work and
   * hybrid is the default. The index must be embedding with the same model.
   */
  public ArticleSearch(
      ArticleIndex index, Clock clock, Limits limits, Ranking ranking, Embedder embedder) {
    this.embedder = embedder;
    this.vectorField = embedder == null ? null : Schema.vectorField(embedder.name());
    this.queryVectors = embedder == null ? null : new QueryVectors(embedder);
    this.index = index;
    this.clock = clock;
    this.limits = limits;
    this.analyzer = Schema.analyzer();
    this.queries = new QueryBuilder(analyzer, limits.maxExpansions(), ranking);
    this.spelling = new Spelling(analyzer);
    this.facetCounts = new FacetCounts(queries);
    this.cache = new ResultCache(limits.resultCacheBytes());
    this.counting = IdleEndingPool.of("byline-count", limits.searchThreads());
  }

  /** The result cache's figures, for {@code /api/stats} and {@code /metrics}. */
  public ResultCache.Stats cacheStats() {
    return cache.stats();
  }

  /** The uncollapsed order of hits, as a Lucene sort; every order ends with the id. */
  static Sort sortOf(SortOrder order) {
    return switch (order) {
      case RELEVANCE -> BY_RELEVANCE;
      case NEWEST -> NEWEST_FIRST;
      case OLDEST -> OLDEST_FIRST;
    };
  }

  private static Sort dateSort(boolean newestFirst) {
    return new Sort(dateField(newestFirst), new SortField(Schema.ID, SortField.Type.STRING));
  }

  private static SortField dateField(boolean newestFirst) {
    // Undated articles go last in both orders.
    return new SortField(
        Schema.DATE,
        SortField.Type.LONG,
        newestFirst,
        newestFirst ? Long.MIN_VALUE : Long.MAX_VALUE);
  }

  /**
   * Runs one search.
   *
   * @throws InvalidRequestException for a query that does not parse or is too complex, or a
   *     cursor made for another sort order
   */
  public SearchResponse search(SearchRequest request) throws IOException {
    return search(request, SearchTurn.KEPT);
  }

  /**
   * Runs one search holding {@code turn}, which it offers to waiting searches between stretches
   * of its work (see {@link SearchDeadline}).
   *
   * @throws InvalidRequestException for a query that does not parse or is too complex, or a
   *     cursor made for another sort order
   */
  public SearchResponse search(SearchRequest request, SearchTurn turn) throws IOException {
    long start = System.nanoTime();
    if (!cache.enabled() || !ResultCache.cacheable(request)) {
      return answer(request, turn, start).withTook(millisSince(start));
    }
    // The view is read before searching: if a refresh comes in between, the answer is filed
    // under the older view and never served, since that view is no longer current.
    Object view = index.withSearcher(ArticleSearch::viewKey);
    LocalDate today = LocalDate.now(clock);
    SearchResponse cached = view == null ? null : cache.get(view, request, today);
    if (cached != null) return cached.withTook((System.nanoTime() - start) / 1_000_000);
    // The whole answer's time, every search it ran included (a relaxed or respelled second one).
    SearchResponse response = answer(request, turn, start).withTook(millisSince(start));
    if (view != null) cache.put(view, request, today, response);
    return response;
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /**
   * What a view of the index shows, as a value: each segment (its core's cache key) and how many
   * of its documents are live. Segments never change and deletes only grow, so two views with equal
   * keys show the same articles: a refresh after a background commit that changed nothing keeps
   * the cache, one that shows a write or a delete does not. Null if a segment has no cache key.
   */
  private static Object viewKey(ArticleSearcher view) {
    List<Object> key = new ArrayList<>();
    for (org.apache.lucene.index.LeafReaderContext leaf : view.getIndexReader().leaves()) {
      var core = leaf.reader().getCoreCacheHelper();
      if (core == null) return null;
      key.add(core.getKey());
      key.add(leaf.reader().numDocs());
    }
    return key;
  }

  /**
   * The answer to {@code request}. A query in the simple syntax is never refused: one too complex
   * to search as read (a pasted article full of quotations, each phrase searched in every field,
   * went past the clause limit) is searched as its {@link TypedQuery#plainWords plain words}.
   */
  private SearchResponse answer(SearchRequest request, SearchTurn turn, long start)
      throws IOException {
    try {
      return answerAsTyped(request, turn, start);
    } catch (InvalidRequestException e) {
      if (request.syntax() != SearchRequest.Syntax.SIMPLE
          || !"query_too_complex".equals(e.code())) {
        throw e;
      }
      String plain = TypedQuery.plainWords(request.query());
      if (plain.equals(request.query())) throw e;
      return answerAsTyped(withQuery(request, plain), turn, start);
    }
  }

  private SearchResponse answerAsTyped(SearchRequest request, SearchTurn turn, long start)
      throws IOException {
    // The next page's cursor is bound to the search as the client asked for it.
    String fingerprint = request.fingerprint();
    // A story merged into another (bin/byline stories) is asked for under the id it had: it
    // filters by the story it went into, and by its own id while articles are being moved.
    if (!request.stories().isEmpty()) {
      java.util.LinkedHashSet<String> stories = new java.util.LinkedHashSet<>();
      for (String s : request.stories()) {
        stories.add(s);
        stories.add(index.resolveStory(s));
      }
      if (stories.size() != request.stories().size()) {
        request = withStories(request, List.copyOf(stories));
      }
    }
    // A date phrase in the box ("since 2020") becomes the date filter, unless one was given.
    DatePhrases.Understood understood = null;
    String typed = request.query();
    if (request.syntax() == SearchRequest.Syntax.SIMPLE
        && request.from() == null
        && request.to() == null) {
      understood = DatePhrases.parse(request.query(), LocalDate.now(clock));
      if (understood != null) {
        request = withQuery(request, understood.rest(), understood.from(), understood.to());
      }
    }
    SearchResponse response = searchUnderstood(request, fingerprint, turn, start);
    if (understood == null
        && autocorrects(request, response)
        && replaces(request.query(), response.suggestion(), response)) {
      // Nothing (or only other words) as typed, and "did you mean" has a respelling of words no
      // article holds that finds something: show its results, saying so, as the web's search
      // engines do ("Showing results for ...").
      if (respellsLastWord(request.query(), response.suggestion())
          && !lastWordInCapitals(request.query())
          && startsAWord(request.query())
          && !(response.total() > 0 && !response.relaxed() && finished(request, turn))) {
        // Unless the last word is one being typed (the page searches at each key): "new orl" is
        // "new orleans" on its way, not "new owl"; "rockef" is not "rocked".
        SearchResponse typing = resultsFor(request, request.query() + "*", turn, start);
        if (typing != null) return typing;
      }
      SearchResponse instead = resultsFor(request, response.suggestion(), turn, start);
      if (instead != null) return instead;
    }
    if (understood == null && completes(request, response)) {
      // Little or nothing: the last word may be one being typed (the page searches as you type),
      // so it is read as the start of a word, as search-as-you-type engines read the last word,
      // when that finds clearly more ("united nat" found the one text holding "nat", "kennedy
      // adm" seven about admiration, "rhode isl" one with "isle").
      // A query that found something is replaced only when its last word starts far more words
      // than it is ("nat", "isl", "rig"; not "gas" or "art", which are finished words).
      boolean little = response.total() > 0 && !response.relaxed();
      if (!little || (startsFarMore(request) && !finished(request, turn))) {
        SearchResponse instead = resultsFor(request, request.query() + "*", turn, start);
        if (instead != null && (!little || instead.total() >= 2 * response.total())) {
          return instead;
        }
      }
    }
    if (understood == null) return response;
    Map<String, Object> said = new LinkedHashMap<>();
    said.put("text", understood.text());
    said.put("from", understood.from() == null ? null : understood.from().text());
    said.put("to", understood.to() == null ? null : understood.to().text());
    if (response.total() == 0) {
      // The date emptied the result: say what the words alone would find, so the reader can
      // drop the date instead of concluding there is nothing. A query that was only the date
      // phrase ("yesterday", "this year") offers its words in quotes, where they are words.
      String words =
          understood.rest().isBlank()
              ? '"' + typed.replace("\"", " ").strip() + '"'
              : understood.rest();
      long without = -1;
      // "election in 1960" in an archive with nothing dated 1960: the year is also a word of
      // what the reader is after ("election 1960" finds the texts about that election written
      // later), when the words with it find anything, all of them.
      String withYears = withYears(understood);
      if (withYears != null) {
        without = count(withQuery(request, withYears, null, null), turn, false);
        if (without > 0) words = withYears;
      }
      if (without <= 0) without = count(withQuery(request, words, null, null), turn);
      if (without > 0) {
        said.put("query", words);
        said.put("total_without_date", without);
      }
    }
    return response.withUnderstood(said);
  }

  /** A year of the 20th or 21st century, as a date phrase writes it. */
  private static final java.util.regex.Pattern YEAR =
      java.util.regex.Pattern.compile("\\b(?:19|20)[0-9]{2}\\b");

  /** Date phrases that set a limit rather than name a time. */
  private static final java.util.regex.Pattern LIMIT =
      java.util.regex.Pattern.compile("(?:since|after|before|from|between)\\b");

  /**
   * The words of a query without its date phrase, followed by the years the phrase named when it
   * named a year as a time ("in 1960", "in March 1960"; not "since 1960", a limit, nor "1950 to
   * 1960"): null when it named none or the words are none.
   */
  private static String withYears(DatePhrases.Understood understood) {
    if (understood.rest().isBlank()) return null;
    String text = understood.text().toLowerCase(Locale.ROOT);
    if (text.isEmpty() || !Character.isLetter(text.charAt(0)) || LIMIT.matcher(text).lookingAt()) {
      return null;
    }
    java.util.regex.Matcher years = YEAR.matcher(text);
    if (!years.find()) return null;
    String year = years.group();
    if (years.find()) return null; // a span of years
    return understood.rest().strip() + " " + year;
  }

  /**
   * Whether {@code response} is one that may be replaced with the results of its "did you mean":
   * the query is in the simple syntax, on a first page, and the client did not ask for it as typed
   * ({@code autocorrect=false}). Whether it is, {@link Spelling#replaces} decides.
   */
  private static boolean autocorrects(SearchRequest request, SearchResponse response) {
    return request.autocorrect()
        && request.syntax() == SearchRequest.Syntax.SIMPLE
        && request.cursor() == null
        && response.suggestion() != null
        && !response.timedOut(); // a search that ran out of time is not followed by another
  }

  /**
   * See {@link Spelling#replaces}: a query that found articles holding all its words is the
   * stricter case.
   */
  private boolean replaces(String query, String respelled, SearchResponse response)
      throws IOException {
    boolean foundSomething = response.total() > 0 && !response.relaxed();
    return index.withSearcher(
        searcher -> spelling.replaces(searcher.getIndexReader(), query, respelled, foundSomething));
  }

  /**
   * The results of {@code text} searched instead of the request's query, saying so ({@link
   * SearchResponse#showingResultsFor}), or null when they hold no article with all its words.
   */
  private SearchResponse resultsFor(SearchRequest request, String text, SearchTurn turn, long start)
      throws IOException {
    SearchRequest instead = withQuery(request, text);
    SearchResponse response = searchUnderstood(instead, instead.fingerprint(), turn, start);
    return response.total() > 0 && !response.relaxed() ? response.asResultsFor(text) : null;
  }

  /** A query that ends in a plain word of at least three letters, as typed so far. */
  private static final java.util.regex.Pattern LAST_WORD_TYPED =
      java.util.regex.Pattern.compile("(?:^|[\\s(])\\p{L}[\\p{L}\\p{N}]{2,}$");

  /** The last word of {@code query} if it is one being typed ({@link #LAST_WORD_TYPED}), or null. */
  private static String lastWordTyped(String query) {
    java.util.regex.Matcher typed = LAST_WORD_TYPED.matcher(query);
    return typed.find() ? typed.group().strip().replace("(", "") : null;
  }

  /** Whether the last word of {@code query} starts a longer word some article holds. */
  private boolean startsAWord(String query) throws IOException {
    String word = lastWordTyped(query);
    if (word == null) return false;
    return index.withSearcher(searcher -> spelling.startsAWord(searcher.getIndexReader(), word));
  }

  /** Whether {@code query} ends in a word being typed that {@code respelled} changes. */
  private static boolean respellsLastWord(String query, String respelled) {
    String word = lastWordTyped(query);
    if (word == null) return false;
    String lower = respelled.toLowerCase(Locale.ROOT);
    return !lower.endsWith(word.toLowerCase(Locale.ROOT))
        || (lower.length() > word.length()
            && Character.isLetterOrDigit(lower.charAt(lower.length() - word.length() - 1)));
  }

  /**
   * Whether {@code response} (fewer than {@link Spelling#MAX_RESULTS_FOR_SUGGEST} articles, or
   * only articles with some of the words, and no respelling that finds more) is one to replace
   * with the results of the query's last word read as a prefix, if they are clearly more: the
   * simple syntax, a first page, {@code autocorrect} not off, and a last word of letters not
   * already marked ({@code *}, {@code ~}, quotes) nor typed in capitals.
   */
  private static boolean completes(SearchRequest request, SearchResponse response) {
    return request.autocorrect()
        && request.syntax() == SearchRequest.Syntax.SIMPLE
        && request.cursor() == null
        && !response.timedOut()
        && (response.total() < Spelling.MAX_RESULTS_FOR_SUGGEST || response.relaxed())
        && lastWordTyped(request.query()) != null
        && !lastWordInCapitals(request.query());
  }

  /**
   * Whether the query's last word is typed in capitals: an acronym, finished ("NEA" is not the
   * start of "near", "NASA" of "nasal").
   */
  private static boolean lastWordInCapitals(String query) {
    String word = lastWordTyped(query);
    return word != null && word.chars().noneMatch(Character::isLowerCase);
  }

  /**
   * Whether a query that found something reads as finished, not as a last word on its way: its
   * words stand together in some article ("west ham" in the one about West Ham, not "united
   * nat"), or it is one word with a capital first that some article holds ("Sixt"; "sixt" may be
   * "sixth" being typed). Such names start many words ("hamlet", "sixth"), and completing them
   * showed 4 to 96 articles around the one meant (an outside probe on real news pages).
   */
  private boolean finished(SearchRequest request, SearchTurn turn) throws IOException {
    String query = request.query().strip();
    String[] words = query.split("\\s+");
    if (words.length == 1) {
      return Character.isUpperCase(query.codePointAt(0))
          && query.codePoints().skip(1).anyMatch(Character::isLowerCase);
    }
    if (query.indexOf('"') >= 0 || words.length > MAX_FINISHED_PHRASE_WORDS) return false;
    return count(withQuery(request, '"' + query + '"'), turn, false) > 0;
  }

  /** Longest query read as a phrase to tell whether it is {@link #finished}. */
  private static final int MAX_FINISHED_PHRASE_WORDS = 6;

  /** How many times the articles of its word those of a word's start must be to complete it. */
  private static final int COMPLETION_RATIO = 5;

  /**
   * Whether the request's last word starts words of {@link #COMPLETION_RATIO} times the articles
   * it is in itself (see {@link Spelling#startsFarMore}).
   */
  private boolean startsFarMore(SearchRequest request) throws IOException {
    String word = lastWordTyped(request.query());
    if (word == null) return false;
    return index.withSearcher(
        searcher -> spelling.startsFarMore(searcher.getIndexReader(), word, COMPLETION_RATIO));
  }

  /** How many articles a request matches (relaxed if need be, as a search would be). */
  private long count(SearchRequest request, SearchTurn turn) throws IOException {
    return count(request, turn, true);
  }

  /** How many articles a request matches, relaxed if need be and {@code relaxing}. */
  private long count(SearchRequest request, SearchTurn turn, boolean relaxing) throws IOException {
    WordsQuery.Built text = queries.text(request);
    Query filter = queries.filter(request);
    SearchDeadline deadline = SearchDeadline.in(limits.searchTimeoutMs(), turn);
    try {
      return index.withSearcher(
          view -> {
            IndexSearcher searcher = view.within(deadline);
            long n = searcher.count(filtered(text.query(), filter));
            if (n == 0 && relaxing && text.relaxed() != null)
              n = searcher.count(filtered(text.relaxed(), filter));
            return n;
          });
    } catch (SearchDeadline.Exceeded e) {
      return 0; // out of time: nothing counted to offer
    }
  }

  private static Query filtered(Query query, Query filter) {
    return filter == null
        ? query
        : new BooleanQuery.Builder().add(query, Occur.MUST).add(filter, Occur.FILTER).build();
  }

  private SearchResponse searchUnderstood(
      SearchRequest request, String fingerprint, SearchTurn turn, long start) throws IOException {
    SortOrder order = request.effectiveSort();
    if (request.cursor() != null && request.cursor().sort() != order) {
      throw new InvalidRequestException(
          "invalid_cursor",
          "the cursor was made for sort="
              + request.cursor().sort().name().toLowerCase(Locale.ROOT)
              + ", not sort="
              + order.name().toLowerCase(Locale.ROOT));
    }
    Mode mode = mode(request);
    // Embedding starts before a searcher is taken (the model takes milliseconds to tens of them)
    // and runs on another thread while the keyword side searches; a repeated query's is kept.
    CompletableFuture<float[]> target =
        mode == Mode.KEYWORD ? null : queryVectors.of(request.query());
    WordsQuery.Built text = queries.text(request);
    Query filter = queries.filter(request);
    boolean relaxedCursor =
        request.cursor() != null && request.cursor().relaxed() && text.relaxed() != null;
    // One deadline for the request: a relaxed second search shares what is left of it.
    SearchDeadline deadline = SearchDeadline.in(limits.searchTimeoutMs(), turn);
    try {
      SearchResponse response =
          search(
              request,
              fingerprint,
              order,
              relaxedCursor ? text.relaxed() : text.query(),
              // Hybrid relaxes its keyword list inside the search (its first page decides; a
              // cursor says what it decided); keyword mode searches again below.
              mode == Mode.HYBRID && request.cursor() == null ? text.relaxed() : null,
              filter,
              relaxedCursor,
              deadline,
              start,
              mode,
              target);
      if (response.total() == 0
          && text.relaxed() != null
          && request.cursor() == null
          && mode == Mode.KEYWORD) {
        // No article holds all the words the query needs: articles holding some of them, best
        // first, rather than nothing (Algolia's "removeWordsIfNoResults: allOptional").
        SearchResponse loose =
            search(
                request,
                fingerprint,
                order,
                text.relaxed(),
                null,
                filter,
                true,
                deadline,
                start,
                Mode.KEYWORD,
                null);
        if (loose.total() > 0) response = loose; // else nothing to show either way: not "relaxed"
        else if (loose.timedOut()) response = response.withTimedOut(); // it ran out of time
      }
      return response;
    } catch (SearchDeadline.Exceeded e) {
      // Past the time limit inside one article's word positions (a phrase in an article of
      // millions of words): nothing partial to show, and the answer says it ran out of time.
      return new SearchResponse(
          0,
          null,
          "gte",
          millisSince(start),
          List.of(),
          Map.of(),
          null,
          null,
          null,
          false,
          true,
          null);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new InvalidRequestException(
          "query_too_complex",
          "the query expands to more than "
              + Math.min(IndexSearcher.getMaxClauseCount(), limits.maxClauses())
              + " clauses; use fewer words or narrower prefixes");
    }
  }

  private SearchResponse search(
      SearchRequest request,
      String fingerprint,
      SortOrder order,
      Query parsed,
      Query looser,
      Query filter,
      boolean relaxed,
      SearchDeadline deadline,
      long start,
      Mode mode,
      CompletableFuture<float[]> query)
      throws IOException {
    return index.withSearcher(
        view -> {
          IndexSearcher searcher = view.within(deadline);
          Query text = rewritten(searcher, parsed);
          Query scored = scored(text, request, order);
          if (mode == Mode.KEYWORD) {
            return run(
                view,
                searcher,
                deadline,
                request,
                fingerprint,
                order,
                text,
                FacetCounts.Sideways.restricting(scored),
                filtered(scored, filter),
                relaxed,
                ALL_HITS,
                start);
          }
          // The lists never depend on the page or its size, so that every page and every cursor
          // walks one list: longer lists for a deeper page brought newer articles onto it when
          // sorted by date, and, the graph walk being approximate, other neighbours by relevance,
          // which shifted (repeated or skipped) the articles of the pages before.
          int k = VECTOR_CANDIDATES;
          // The keyword side runs while the query is being embedded (see QueryVectors).
          TopDocs words = mode == Mode.HYBRID ? searcher.search(filtered(scored, filter), k) : null;
          long wordsFound = words == null ? ALL_HITS : words.totalHits.value();
          boolean wordsRelaxed = relaxed;
          if (wordsFound == 0 && looser != null) {
            // As in keyword mode: no article holds all the words the query needs, so the keyword
            // list is of articles holding some of them, rather than the vectors' list alone.
            Query looseText = rewritten(searcher, looser);
            Query looseScored = scored(looseText, request, order);
            TopDocs loose = searcher.search(filtered(looseScored, filter), k);
            if (loose.totalHits.value() > 0) {
              words = loose;
              text = looseText;
              scored = looseScored;
              wordsRelaxed = true; // so that the cursor of the next page asks the same
            }
          }
          float[] target = QueryVectors.await(query);
          Query ranked = ranked(searcher, mode, words, target, filter, k, request.semanticWeight());
          // A facet of a filtered field is counted over the lists searched again without that
          // field's filter (FacetCounts.Sideways).
          Query wordsScored = scored;
          FacetCounts.Sideways sideways =
              others ->
                  ranked(
                      searcher,
                      mode,
                      mode == Mode.HYBRID
                          ? searcher.search(filtered(wordsScored, others), k)
                          : null,
                      target,
                      others,
                      k,
                      request.semanticWeight());
          // Filters are inside both lists already; the words still mark the snippets. "Did you
          // mean" looks at what the words alone found: the vectors find something for anything.
          return run(
              view,
              searcher,
              deadline,
              request,
              fingerprint,
              order,
              text,
              sideways,
              ranked,
              wordsRelaxed,
              wordsFound,
              start);
        });
  }

  /**
   * The text query rewritten once, here: prefixes, wildcards and fuzzy words become the terms they
   * expand to in this view, so the search does not expand them again and the highlighter reads
   * their offsets from the postings instead of re-analysing every hit (which it must do for a
   * query it cannot see the terms of).
   *
   * @throws InvalidRequestException when it expands to more clauses than the limits allow
   */
  private Query rewritten(IndexSearcher searcher, Query parsed) throws IOException {
    Query text = searcher.rewrite(parsed);
    long clauses = ClauseCount.of(text);
    if (clauses > limits.maxClauses()) {
      throw new InvalidRequestException(
          "query_too_complex",
          "the query expands to "
              + clauses
              + " clauses, more than "
              + limits.maxClauses()
              + "; use fewer words or narrower prefixes");
    }
    return text;
  }

  /** The scored part: the text, maybe with freshness blended in; the filters only restrict it. */
  private Query scored(Query text, SearchRequest request, SortOrder order) {
    return request.recency() != null && order == SortOrder.RELEVANCE
        ? RecencyBoost.apply(text, clock.millis(), request.recency())
        : text;
  }

  /**
   * The ranked list of a semantic or hybrid search: the {@code k} articles nearest to {@code
   * target} that {@code filter} lets through (null: all), fused with {@code words} (the keyword
   * top {@code k} under the same filter) in hybrid mode. The graph is searched over int7 vectors
   * with the filter applied as it walks; the best of those candidates are then scored again with
   * the full floats.
   */
  private Query ranked(
      IndexSearcher searcher,
      Mode mode,
      TopDocs words,
      float[] target,
      Query filter,
      int k,
      double semanticRatio)
      throws IOException {
    Query nearest =
        NearestVectors.of(searcher, vectorField, target, k * VECTOR_OVERSAMPLE, filter, k);
    if (mode != Mode.HYBRID) return nearest;
    TopDocs meaning = searcher.search(nearest, k);
    TopDocs fused = RankFusion.fuse(words, meaning, k, semanticRatio);
    return new RankedDocsQuery(searcher.getIndexReader(), fused.scoreDocs);
  }

  /**
   * The mode a request runs in: its own, or the server's default (hybrid when semantic search is
   * on, else keyword). Browsing (no query) is keyword: there is nothing to embed.
   *
   * @throws InvalidRequestException for semantic or hybrid while semantic search is off
   */
  private Mode mode(SearchRequest request) {
    Mode asked = request.mode();
    if (asked == null) asked = embedder == null ? Mode.KEYWORD : Mode.HYBRID;
    if (request.semanticRatio() != null && asked != Mode.HYBRID) {
      throw new InvalidRequestException(
          "invalid_parameter",
          "semantic_ratio blends the two lists of mode=hybrid; this search is mode="
              + asked.name().toLowerCase(Locale.ROOT));
    }
    if (asked != Mode.KEYWORD && embedder == null) {
      String why =
          index.readOnly()
              ? "this server's index is read-only ("
                  + index.readOnlyReason()
                  + ") and holds no"
                  + " vectors to search; reindex it to search by meaning"
              : "start it with --semantic";
      throw new InvalidRequestException(
          "semantic_off",
          "mode="
              + asked.name().toLowerCase(Locale.ROOT)
              + " needs semantic search, which is off on this server ("
              + why
              + ")");
    }
    return request.browsing() ? Mode.KEYWORD : asked;
  }

  /** For {@code run}'s {@code wordsFound}: the words found what the page's search found. */
  private static final long ALL_HITS = -1;

  /**
   * @param view the index view: stored fields, facet states, highlighters
   * @param searcher the same view under the request's deadline: every search goes through it
   * @param wordsFound how many articles the words alone found, for "did you mean"; {@link
   *     #ALL_HITS} when that is the page's own total (not in hybrid mode, where the vectors find
   *     something for anything)
   */
  private SearchResponse run(
      ArticleSearcher view,
      IndexSearcher searcher,
      SearchDeadline deadline,
      SearchRequest request,
      String fingerprint,
      SortOrder order,
      Query text,
      FacetCounts.Sideways sideways,
      Query query,
      boolean relaxed,
      long wordsFound,
      long start)
      throws IOException {
    int offset = request.cursor() == null ? (request.page() - 1) * request.size() : 0;
    if (request.collapse() == SearchRequest.Collapse.STORY) {
      return runCollapsed(
          view,
          searcher,
          deadline,
          request,
          fingerprint,
          order,
          text,
          sideways,
          query,
          relaxed,
          wordsFound,
          offset,
          start);
    }
    // One more than the page, to know whether a next page exists.
    int numHits = offset + request.size() + 1;
    Sort sort = sortOf(order);
    FieldDoc after = request.cursor() == null ? null : afterDoc(request.cursor());
    TopDocs top;
    FacetTally.Counts matches = null;
    long total;
    boolean exactTotal;
    if (request.facets()) {
      // Two passes over one searcher: the page by block-max WAND, which skips what cannot make
      // it, then every match unscored, for the facets and the exact total. One pass scoring every
      // match for both (a MultiCollector) cost more on large match sets than the second pass does
      // (100k bench articles, in-process: phrases 14.5 -> 7.5 ms, common words OR-ed 5.2 -> 3.8,
      // one common word 3.9 -> 2.8); on small match sets the second pass adds 0.05-0.15 ms. The
      // text's expansions were rewritten already (see rewritten); the query with its filters is
      // rewritten here once rather than by each pass.
      Query rewritten = searcher.rewrite(query);
      var topManager = new TopFieldCollectorManager(sort, numHits, after, EXACT_TOTAL_UP_TO);
      FacetTally tally = facetCounts.tally(view, request);
      // Phrases too: one pass scoring every match was faster for phrases with few matches and
      // up to 5x slower for those with many (a million bench articles: 1.6-3.4 ms saved below
      // 1,100 matches; 25 -> 74 ms at 21k, 90 -> 459 ms at 434k), and no cheap test tells them
      // apart before searching.
      top = searcher.search(rewritten, topManager);
      deadline.checkpoint(); // between the passes, and between the steps below
      matches = count(view, searcher, deadline, rewritten, tally, top.totalHits);
      total = matches.matches();
      exactTotal = true;
    } else {
      // Without facets nothing needs every match: counting stops at EXACT_TOTAL_UP_TO and the
      // top hits are found with block-max WAND, which skips documents that cannot make the page.
      var topManager = new TopFieldCollectorManager(sort, numHits, after, EXACT_TOTAL_UP_TO);
      top = searcher.search(query, topManager);
      total = top.totalHits.value();
      exactTotal = top.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
    }

    ScoreDoc[] all = top.scoreDocs;
    int end = Math.min(all.length, offset + request.size());
    int pageLength = Math.max(0, end - offset);
    int[] docIds = new int[pageLength];
    for (int i = 0; i < pageLength; i++) {
      docIds[i] = all[offset + i].doc;
    }
    Float[] scores = new Float[pageLength];
    for (int i = 0; i < pageLength; i++) {
      // Sorted by a Sort, the score is the first sort value (ScoreDoc.score is left unset).
      if (order == SortOrder.RELEVANCE) scores[i] = (Float) ((FieldDoc) all[offset + i]).fields[0];
    }
    deadline.checkpoint();
    List<Hit> hits = hits(view, request, text, docIds, scores);
    String nextCursor = null;
    if (all.length > end && pageLength > 0) {
      nextCursor = cursorAfter(fingerprint, order, relaxed, (FieldDoc) all[end - 1]);
    }
    deadline.checkpoint();
    Map<String, List<FacetValue>> facets =
        matches == null ? Map.of() : facetCounts.count(view, searcher, request, sideways, matches);
    long tookMs;
    boolean timedOut = deadline.hit();
    String relation = exactTotal && !timedOut ? "eq" : "gte";
    // A relaxed answer means no article held all the words: as good as nothing for "did you mean".
    String suggestion =
        suggestion(searcher, request, relaxed ? 0 : wordsFound == ALL_HITS ? total : wordsFound);
    tookMs = (System.nanoTime() - start) / 1_000_000;
    return new SearchResponse(
        total,
        null,
        relation,
        tookMs,
        hits,
        facets,
        nextCursor,
        suggestion,
        null,
        relaxed,
        timedOut,
        null);
  }

  /**
   * The facet pass: every match counted, on two threads when the view is large, the page's pass
   * found more matches than it counts exactly, and a search thread is idle (under light load,
   * so that a large count takes about half as long; under load every core is busy searching and
   * the count runs on the search's own thread).
   */
  private FacetTally.Counts count(
      ArticleSearcher view,
      IndexSearcher searcher,
      SearchDeadline deadline,
      Query rewritten,
      FacetTally tally,
      TotalHits pageHits)
      throws IOException {
    if (pageHits.relation() == TotalHits.Relation.EQUAL_TO
        || view.getIndexReader().maxDoc() < TWO_THREAD_COUNT_FROM_DOCS) {
      return searcher.search(rewritten, tally);
    }
    try (SearchTurn.Loan second = deadline.borrowIdle()) {
      if (second == null) return searcher.search(rewritten, tally);
      return view.within(deadline, counting, 2).search(rewritten, tally);
    }
  }

  /**
   * {@link #run} with one hit per story ({@link StoryCollapse}): one pass over every match gives
   * the stories, their heads and the facets (over every matching article); {@code total} counts
   * stories: exactly with facets; without, exactly while the articles that are stories of one
   * number at most {@link #EXACT_TOTAL_UP_TO}, else as a lower bound ({@code gte}), as
   * uncollapsed searches count (and exactly in neither case when the search timed out).
   */
  private SearchResponse runCollapsed(
      ArticleSearcher view,
      IndexSearcher searcher,
      SearchDeadline deadline,
      SearchRequest request,
      String fingerprint,
      SortOrder order,
      Query text,
      FacetCounts.Sideways sideways,
      Query query,
      boolean relaxed,
      long wordsFound,
      int offset,
      long start)
      throws IOException {
    StoryCollapse.Ordinals ords =
        view.attachment(
            StoryCollapse.Ordinals.class, v -> new StoryCollapse.Ordinals(v.getIndexReader()));
    Sort sort = sortOf(order);
    StoryCollapse.Found found =
        StoryCollapse.search(
            searcher,
            query,
            ords,
            sort,
            request.cursor() == null ? null : afterDoc(request.cursor()),
            offset + request.size() + 1,
            order == SortOrder.RELEVANCE,
            request.facets() ? facetCounts.tally(view, request) : null);
    FacetTally.Counts facetMatches = found.facets();
    StoryCollapse.Page page =
        StoryCollapse.page(
            view.getIndexReader(),
            ords,
            found,
            order,
            request.cursor(),
            offset,
            request.size(),
            (value, date, id) -> new Cursor(order, fingerprint, relaxed, value, date, id));
    List<Hit> plain = hits(view, request, text, page.docs(), page.scores());
    List<Hit> hits = new ArrayList<>(plain.size());
    for (int i = 0; i < plain.size(); i++) {
      Hit h = plain.get(i);
      SearchResponse.Story story =
          new SearchResponse.Story(h.story().id(), page.sizes()[i], page.sources().get(i));
      hits.add(
          new Hit(
              h.id(),
              h.title(),
              h.url(),
              h.date(),
              h.author(),
              h.source(),
              h.category(),
              story,
              h.score(),
              h.titleHtml(),
              h.snippets()));
    }
    Map<String, List<FacetValue>> facets =
        facetMatches == null
            ? Map.of()
            : facetCounts.count(view, searcher, request, sideways, facetMatches);
    boolean timedOut = deadline.hit();
    // With facets every match was counted; the page alone counts exactly only up to a bound.
    StoryCollapse.Counts counted = found.counts();
    long stories = counted == null ? page.stories() : counted.stories();
    long articles = counted == null ? page.articles() : counted.articles();
    String suggestion =
        suggestion(searcher, request, relaxed ? 0 : wordsFound == ALL_HITS ? articles : wordsFound);
    return new SearchResponse(
        stories,
        articles,
        timedOut || !found.exact() ? "gte" : "eq",
        (System.nanoTime() - start) / 1_000_000,
        hits,
        facets,
        page.cursorAfter() == null ? null : page.cursorAfter().encode(),
        suggestion,
        null,
        relaxed,
        timedOut,
        null);
  }

  /**
   * One article with the words of a query marked in its title and whole body (HTML-escaped,
   * {@code <mark>} only), for reading an article found by that query.
   *
   * @return {@code title_html} and {@code body_html}
   * @throws dev.byline.errors.NotFoundException if there is no such article
   */
  public Map<String, String> highlightArticle(String id, String q) throws IOException {
    SearchRequest request = SearchRequest.fromParams(Map.of("q", List.of(q == null ? "" : q)));
    DatePhrases.Understood understood = DatePhrases.parse(request.query(), LocalDate.now(clock));
    if (understood != null) request = withQuery(request, understood.rest());
    Query parsed = queries.textQuery(request);
    return index.withSearcher(
        searcher -> {
          Query text = searcher.rewrite(parsed); // see searchUnderstood
          ScoreDoc[] hit =
              searcher.search(new org.apache.lucene.search.TermQuery(Schema.idTerm(id)), 1)
                  .scoreDocs;
          if (hit.length == 0) {
            throw new dev.byline.errors.NotFoundException("no article with id '" + id + "'");
          }
          Snippets snippets = searcher.attachment(Snippets.class, s -> new Snippets(s, analyzer));
          Map<String, String> out = new LinkedHashMap<>();
          // Read once for both: each highlighter reading it decoded a large body again.
          Article article = Schema.fromDocument(searcher.storedFields().document(hit[0].doc));
          out.put("title_html", snippets.title(text, hit[0].doc, article));
          out.put("body_html", snippets.wholeBody(text, hit[0].doc, article));
          return out;
        });
  }

  /** "Did you mean": only for words typed in the simple syntax, on the first page. */
  private String suggestion(IndexSearcher searcher, SearchRequest request, long total)
      throws IOException {
    if (request.browsing()
        || request.syntax() != SearchRequest.Syntax.SIMPLE
        || request.cursor() != null) {
      return null;
    }
    Query filter = queries.filter(request);
    return spelling.suggest(
        searcher,
        request.query(),
        total,
        text -> {
          try {
            Query q = queries.textQuery(withQuery(request, text));
            if (filter != null) {
              q = new BooleanQuery.Builder().add(q, Occur.MUST).add(filter, Occur.FILTER).build();
            }
            return searcher.count(q);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private static SearchRequest withStories(SearchRequest r, List<String> stories) {
    return new SearchRequest(
        r.query(),
        r.syntax(),
        r.authors(),
        r.sources(),
        r.categories(),
        stories,
        r.from(),
        r.to(),
        r.sort(),
        r.page(),
        r.size(),
        r.cursor(),
        r.facetFields(),
        r.snippets(),
        r.recency(),
        r.collapse(),
        r.mode(),
        r.semanticRatio(),
        r.cache(),
        r.autocorrect());
  }

  private static SearchRequest withQuery(SearchRequest r, String query) {
    return withQuery(r, query, r.from(), r.to());
  }

  private static SearchRequest withQuery(
      SearchRequest r,
      String query,
      dev.byline.article.PublicationDate from,
      dev.byline.article.PublicationDate to) {
    return new SearchRequest(
        query,
        r.syntax(),
        r.authors(),
        r.sources(),
        r.categories(),
        r.stories(),
        from,
        to,
        r.sort(),
        r.page(),
        r.size(),
        r.cursor(),
        r.facetFields(),
        r.snippets(),
        r.recency(),
        r.collapse(),
        r.mode(),
        r.semanticRatio(),
        r.cache(),
        r.autocorrect());
  }

  /** A hit without highlighting (related articles). */
  static Hit plainHit(Article article, Float score) {
    return hit(article, score, null, List.of());
  }

  private static Hit hit(Article article, Float score, String titleHtml, List<String> snippets) {
    return new Hit(
        article.id(),
        article.title(),
        article.url(),
        article.date() == null ? null : article.date().text(),
        article.author(),
        article.source(),
        article.category(),
        new SearchResponse.Story(article.storyId(), null, null),
        score,
        titleHtml,
        snippets);
  }

  private List<Hit> hits(
      ArticleSearcher searcher, SearchRequest request, Query text, int[] docIds, Float[] scores)
      throws IOException {
    StoredFields stored = searcher.storedFields();
    List<Article> articles = new ArrayList<>(docIds.length);
    for (int docId : docIds) {
      // The body is read (once, for the highlighter too) only when snippets are asked for, and
      // only the part snippets come from is kept: a page of 40 hits of 20 MB bodies held 800 MB
      // at once (out of memory on a 1 GB heap, an outside hunt).
      articles.add(
          request.snippets()
              ? Snippets.sourceOf(Schema.fromDocument(stored.document(docId)))
              : Schema.summaryOf(searcher.getIndexReader(), docId));
    }
    List<List<String>> snippets = null;
    List<String> titles = null;
    if (request.snippets() && docIds.length > 0) {
      Snippets.Highlights highlights =
          searcher
              .attachment(Snippets.class, s -> new Snippets(s, analyzer))
              .page(text, docIds, articles);
      snippets = highlights.bodies();
      titles = highlights.titles();
    }
    List<Hit> hits = new ArrayList<>(docIds.length);
    for (int i = 0; i < docIds.length; i++) {
      hits.add(
          hit(
              articles.get(i),
              scores[i],
              titles == null ? null : titles.get(i),
              snippets == null ? List.of() : snippets.get(i)));
    }
    return hits;
  }

  static FieldDoc afterDoc(Cursor cursor) {
    BytesRef id = new BytesRef(cursor.id());
    // Ids are unique, so the doc id never decides; MAX_VALUE makes the cursor's own hit "seen".
    Object[] values =
        cursor.sort() == SortOrder.RELEVANCE
            ? new Object[] {Float.parseFloat(cursor.value()), cursor.date(), id}
            : new Object[] {Long.parseLong(cursor.value()), id};
    return new FieldDoc(Integer.MAX_VALUE, Float.NaN, values);
  }

  private static String cursorAfter(
      String fingerprint, SortOrder order, boolean relaxed, FieldDoc last) {
    Object[] f = last.fields;
    String id = ((BytesRef) f[f.length - 1]).utf8ToString();
    Long date = order == SortOrder.RELEVANCE ? (Long) f[1] : null;
    return new Cursor(order, fingerprint, relaxed, String.valueOf(f[0]), date, id).encode();
  }
}
