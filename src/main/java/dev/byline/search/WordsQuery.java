package dev.byline.search;

import dev.byline.index.ArticleAnalyzer;
import dev.byline.index.Schema;
import dev.byline.search.TypedQuery.Group;
import dev.byline.search.TypedQuery.Item;
import dev.byline.search.TypedQuery.Part;
import dev.byline.search.TypedQuery.Phrase;
import dev.byline.search.TypedQuery.Word;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CombinedFieldQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Builds the Lucene query for a {@link TypedQuery}, the way a search box should read it:
 *
 * <ul>
 *   <li>Stop words never make a query fail: in a query with other words they only add weight
 *       when found next to them (the phrase and pair boosts); a query made only of stop words
 *       ("the who", "it") searches them as words.
 *   <li>A short query needs every word; a long one needs a share of its words ({@link Ranking});
 *       either can be relaxed to "any word" when it finds nothing ({@link Built#relaxed()}).
 *   <li>Articles holding the words together rank first: the whole query as a sloppy phrase, and
 *       each two neighbouring words, add to the score (see {@link Ranking}).
 *   <li>An exact word outranks its fuzzy variants ({@code president~} ranks "president" above
 *       "present"); prefixes and fuzzy words match their most frequent expansions.
 * </ul>
 *
 * Thread-safe: it keeps no state between queries.
 */
final class WordsQuery {
  /** Words of the bag that count; more are dropped, which bounds a pasted page's cost. */
  static final int MAX_WORDS = 64;

  /** Words that open a question (stemmed as the body is). */
  private static final java.util.Set<String> QUESTION_WORDS =
      java.util.Set.of("what", "which", "who", "whom", "whose", "when", "where", "why", "how");

  /** Words of the bag the phrase and pair boosts look at. */
  static final int MAX_PROXIMITY_WORDS = 32;

  /** Most words a word with dots inside is read as ("u.s.steel"); a longer one is one word. */
  static final int MAX_DOT_PARTS = 4;

  /** Longest word matched fuzzily: the longest token the standard tokenizer keeps. */
  static final int MAX_FUZZY_CHARS = 255;

  /**
   * What a prefix's expansions and a fuzzy word's variants weigh, as a constant, against a word's
   * field weight: a tenth, so that the exact word (scored by BM25, which rarely gives a match
   * less than that) ranks first, while among variants title matches still lead.
   */
  private static final float VARIANT_WEIGHT = 0.1f;

  /**
   * What another writing of the word typed weighs against it: a newspaper abbreviation of it (or
   * its word), the number in figures or in words, the Roman numeral.
   */
  private static final float OTHER_WRITING_WEIGHT = 0.5f;

  /**
   * What a word weighs, as a constant, in an article whose source (or address's site) is named by
   * it and its neighbours as typed ({@link Schema#SOURCE_NAME}): it lets a query naming the site
   * match the site's articles ("engadget xbox", "washington post tunisia"), and counts for less
   * than the word in a text, a tenth of a word as a prefix's expansions do. Scored by BM25 on the
   * words of the names, it outranked the texts: `many times` ranked the New York Times's articles
   * holding "many" first (the Brown phrases kit, 37 → 32 of 38 right in the top 3).
   */
  static final float SITE_WEIGHT = 0.1f;

  private final Analyzer analyzer;
  private final Ranking ranking;
  private final MultiTermQuery.RewriteMethod expansion;
  private final int maxExpansions;

  WordsQuery(
      Analyzer analyzer,
      Ranking ranking,
      MultiTermQuery.RewriteMethod expansion,
      int maxExpansions) {
    this.analyzer = analyzer;
    this.ranking = ranking;
    this.expansion = expansion;
    this.maxExpansions = maxExpansions;
  }

  /**
   * The query to run first, and the one to run if it finds nothing (null when relaxing would
   * change nothing).
   */
  record Built(Query query, Query relaxed) {}

  /**
   * The queries for what was typed.
   *
   * @return null when nothing typed is searchable (only punctuation, say)
   */
  Built build(TypedQuery typed) {
    Query strict = build(typed, false, new FuzzyBudget(), true);
    if (strict == null) return null;
    Query relaxed = build(typed, true, new FuzzyBudget(), true);
    return new Built(strict, relaxed == null || relaxed.equals(strict) ? null : relaxed);
  }

  /**
   * @param inShort whether the query this one is part of (as a group) is short, or this is the
   *     whole query: a number's other forms count in a short query only (see {@link
   *     #withOtherForms})
   */
  private Query build(TypedQuery typed, boolean relaxed, FuzzyBudget fuzzy, boolean inShort) {
    List<Token> bag = new ArrayList<>();
    List<Query> units = new ArrayList<>(); // DEFAULT parts other than plain words
    List<Query> required = new ArrayList<>();
    List<Query> excluded = new ArrayList<>();
    StringBuilder bagText = new StringBuilder();
    // Numbers joined by hyphens in a short query ("6-3", "1961-62", "9-11"): a score, a season, a
    // date, which the tokenizer cuts into numbers, so side by side (the texts with the score "6-3"
    // ranked 7th to 10th among those with a 6 and a 3). In a long one, as words: "over the period
    // 1972-1979" in a pasted abstract (CISI's query 109, nDCG@10 0.656 -> 0.584 as a phrase).
    boolean fewParts = inShort && typed.parts().size() <= ranking.allWordsUpTo();
    for (Part part : typed.parts()) {
      if (part.plainWord()) {
        String text = ((Word) part.alternatives().get(0)).text();
        Query numbers = fewParts && numbersJoined(text) ? phrase(text.replace('-', ' '), 0) : null;
        if (numbers != null) units.add(numbers);
        else bagText.append(text).append(' ');
        continue;
      }
      Query q = part(part, relaxed, fuzzy, fewParts);
      if (q == null) continue;
      switch (part.sign()) {
        case DEFAULT -> units.add(q);
        case REQUIRED -> required.add(q);
        case EXCLUDED -> excluded.add(q);
      }
    }
    bag.addAll(tokens(Schema.BODY, bagText.toString()));
    List<String> nameTerms = terms(Schema.AUTHOR_TEXT, bagText.toString());

    // The words that decide what matches: the bag without its stop words, unless it is all stop
    // words; each stem once ("to be or not to be" is four words).
    // A word typed twice weighs twice (query term frequency, as in BM25's full form): a long
    // question repeats what it is about.
    // In a long query (a question), function words such as "what", "been", "how" count as stop
    // words too.
    // So do they in a short question with other words ("where is laos" needed "where", and found
    // 7 of the 14 Brown texts on Laos; "what is a sit-in" ranked texts by "what").
    boolean question =
        !bag.isEmpty()
            && QUESTION_WORDS.contains(bag.get(0).term())
            && bag.stream().anyMatch(t -> !t.stop() && !t.function());
    if (ranking.functionWordsInLongQueries()
        && (question || bag.stream().filter(t -> !t.stop()).count() > ranking.allWordsUpTo())) {
      List<Token> weakened = new ArrayList<>(bag.size());
      for (Token t : bag)
        weakened.add(t.function() ? new Token(t.term(), true, false, t.position(), 0) : t);
      bag = weakened;
    }
    // A word written two ways ("teen-age" and "teenage", "F.B.I." and "FBI"): each of its parts
    // also matches the joined form, so "teen-age" finds "teenage" and counts, as before, as two
    // words.
    Map<String, Integer> joinedOf = new java.util.HashMap<>(); // a part's term -> joined's index
    for (int i = 0; i < bag.size(); i++) {
      Token t = bag.get(i);
      if (t.covers() == 0 || t.stop() || t.covers() > i) continue;
      for (int j = i - t.covers(); j < i; j++) joinedOf.putIfAbsent(bag.get(j).term(), i);
    }
    List<Token> words = new ArrayList<>(bag.size());
    for (Token t : bag) if (t.covers() == 0) words.add(t);
    boolean allStop = words.stream().allMatch(Token::stop);
    // A hyphenated word with a part that means nothing alone, a stop or function word or a letter
    // ("sit-in", "so-called", "fall-out", "A-bomb"), is one word: its parts side by side or its
    // joined form. Its parts
    // anywhere were "sit" anywhere: "sit-in" found 108 Brown texts, 2 holding it. Parts that are
    // words of their own stay words ("heat-transfer" finds "transfer of heat": grouped, Cranfield
    // lost nDCG@10 0.386 -> 0.371).
    // In a short query only: in a question or a pasted sentence a hyphenated word is one of many
    // and its parts are the grammar's (CISI's query 100, "… the on-line document retrieval systems
    // of the future": nDCG@10 0.249 -> 0.085 with "on-line" as one word).
    boolean[] grouped = new boolean[bag.size()];
    long typedWords = words.stream().filter(t -> !t.stop()).count() + units.size();
    if (nameTerms.size() == bag.size() && typedWords <= ranking.allWordsUpTo()) {
      int groups = 0;
      for (int i = 0; i < bag.size() && groups < MAX_WORDS; i++) {
        Token t = bag.get(i);
        if (t.covers() < 2 || t.stop() || t.covers() > i) continue;
        int from = i - t.covers();
        boolean weakPart = false;
        for (int j = from; j < i; j++) {
          Token part = bag.get(j);
          weakPart |= part.stop() || part.function() || part.term().length() == 1;
        }
        if (!weakPart) continue;
        units.add(eitherForm(bag.subList(from, i + 1), nameTerms.subList(from, i + 1)));
        for (int j = from; j <= i; j++) grouped[j] = true;
        groups++;
      }
    }
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Integer> times = new LinkedHashMap<>();
    for (int i = 0; i < bag.size(); i++) {
      Token t = bag.get(i);
      if (t.covers() > 0 || grouped[i]) continue;
      if (t.stop() && !allStop) continue;
      if (!times.containsKey(t.term()) && times.size() == MAX_WORDS) continue;
      times.merge(t.term(), 1, Integer::sum);
      names.putIfAbsent(t.term(), i < nameTerms.size() ? nameTerms.get(i) : t.term());
    }
    List<Query> counted = new ArrayList<>();
    Map<String, List<String>> alsoAs = new HashMap<>(); // a stem -> its other forms
    // The words as typed weigh in a short query only: there each word was chosen, often a name;
    // in a question or a pasted sentence, which inflection a word has is the grammar's choice.
    boolean shortQuery = times.size() + units.size() <= ranking.allWordsUpTo();
    float exact = shortQuery ? ranking.exact() : 0f;
    Map<String, List<String>> sourcesNamed = sourcesNamed(bag, nameTerms, grouped);
    for (Map.Entry<String, Integer> w : times.entrySet()) {
      String name = names.get(w.getKey());
      Query q = dotted(name) ? splitAtDots(w.getKey(), name) : word(w.getKey(), name, exact);
      q = withOtherForms(q, w.getKey(), name, exact, inShort && shortQuery, alsoAs);
      q = orFromSourceNamed(q, sourcesNamed.get(w.getKey()));
      Integer whole = joinedOf.get(w.getKey());
      if (whole != null) {
        q =
            new DisjunctionMaxQuery(
                List.of(q, joinedVariant(bag.get(whole).term(), nameTerms.get(whole))), 0f);
      }
      // A word of a short query may be two typed run together ("newyork"): decided against the
      // index searched (see RunTogetherWord).
      if (shortQuery && !allStop && RunTogetherWord.candidate(name)) {
        q = new RunTogetherWord(q, joinedVariant(w.getKey(), name), name, this::pair);
      }
      counted.add(w.getValue() == 1 ? q : new BoostQuery(q, w.getValue()));
    }
    counted.addAll(units);
    if (counted.isEmpty() && required.isEmpty()) {
      if (excluded.isEmpty()) return null;
      counted.add(MatchAllDocsQuery.INSTANCE); // "-sport": everything but
    }

    // Two neighbouring words of a short query may be one word the archive writes joined: "mac
    // arthur" is also "macarthur", "o brien" "obrien" (O'Brien), "di maggio" "dimaggio".
    List<Joined> joins =
        allStop || !shortQuery
            ? List.of()
            : joins(bag, new ArrayList<>(times.keySet()), names, exact);

    BooleanQuery.Builder query = new BooleanQuery.Builder();
    int need = relaxed ? Math.min(1, counted.size()) : ranking.wordsRequired(counted.size());
    if (need == counted.size() && !joins.isEmpty()) {
      BooleanQuery.Builder either = new BooleanQuery.Builder();
      either.add(all(counted), Occur.SHOULD);
      for (Joined j : joins) {
        List<Query> with = new ArrayList<>(counted);
        with.set(j.first(), j.query());
        with.remove(j.first() + 1);
        either.add(all(with), Occur.SHOULD);
      }
      query.add(either.build(), Occur.MUST);
    } else if (need == counted.size()) {
      for (Query q : counted) query.add(q, Occur.MUST);
    } else {
      BooleanQuery.Builder some = new BooleanQuery.Builder().setMinimumNumberShouldMatch(need);
      for (Query q : counted) some.add(q, Occur.SHOULD);
      for (Joined j : joins) some.add(j.query(), Occur.SHOULD);
      query.add(some.build(), Occur.MUST);
    }
    for (Query q : required) query.add(q, Occur.MUST);
    for (Query q : excluded) query.add(q, Occur.MUST_NOT);
    for (Query q : proximity(words, allStop, alsoAs)) query.add(new ScoreOnly(q), Occur.SHOULD);
    for (Query q : typingPhrase(typed, words)) query.add(new ScoreOnly(q), Occur.SHOULD);
    for (Query q : percents(typed)) query.add(q, Occur.SHOULD);
    BooleanQuery built = query.build();
    return built.clauses().size() == 1 && built.clauses().get(0).occur() == Occur.MUST
        ? built.clauses().get(0).query()
        : built;
  }

  /** Most words of a source's name looked up as typed ("new york times" is three). */
  static final int MAX_SOURCE_NAME_WORDS = 4;

  /** Words of a query whose runs are looked up as sources' names: a pasted page is not. */
  static final int MAX_SOURCE_NAME_LOOKUPS = 16;

  /**
   * For each stem of the bag, the source names ({@link Schema#sourceName} form) that runs of
   * neighbouring words holding it spell: "washington post tunisia" gives {@code washington},
   * {@code washington post}, {@code washington post tunisia}, {@code post}… each under the stems
   * of its words. Stop words are left out, as the names are ("the verge" is {@code verge});
   * whether a source has the name is the index's to say, by an exact term.
   */
  private static Map<String, List<String>> sourcesNamed(
      List<Token> bag, List<String> nameTerms, boolean[] grouped) {
    if (nameTerms.size() != bag.size()) return Map.of(); // the analyses did not line up
    List<Integer> words = new ArrayList<>();
    for (int i = 0; i < bag.size(); i++) {
      Token t = bag.get(i);
      if (t.covers() > 0 || t.stop() || grouped[i]) continue;
      if (words.size() == MAX_SOURCE_NAME_LOOKUPS) break;
      words.add(i);
    }
    Map<String, List<String>> out = new HashMap<>();
    for (int from = 0; from < words.size(); from++) {
      StringBuilder run = new StringBuilder();
      for (int to = from; to < words.size() && to - from < MAX_SOURCE_NAME_WORDS; to++) {
        if (to > from) run.append(' ');
        run.append(nameTerms.get(words.get(to)));
        String named = run.toString();
        for (int k = from; k <= to; k++)
          out.computeIfAbsent(bag.get(words.get(k)).term(), x -> new ArrayList<>()).add(named);
      }
    }
    return out;
  }

  /**
   * {@code q}, or an article whose source is one of {@code named} (null: none), at {@link
   * #SITE_WEIGHT}.
   */
  private static Query orFromSourceNamed(Query q, List<String> named) {
    if (named == null || named.isEmpty()) return q;
    BooleanQuery.Builder sources = new BooleanQuery.Builder();
    for (String name : named)
      sources.add(new TermQuery(new Term(Schema.SOURCE_NAME, name)), Occur.SHOULD);
    Query fromSource = new BoostQuery(new ConstantScoreQuery(sources.build()), SITE_WEIGHT);
    return new BooleanQuery.Builder().add(q, Occur.SHOULD).add(fromSource, Occur.SHOULD).build();
  }

  /**
   * The query of a word ({@code stem}, {@code name}), or of it and its {@link #otherForms} as a
   * disjunction, each at a word's weight: the best form found scores. The other forms of one
   * term are added to {@code alsoAs} under its stem, for the phrase boosts. A number's Roman
   * numeral counts in a short query only: in a question, "(2)" numbers a list.
   */
  private Query withOtherForms(
      Query q,
      String stem,
      String name,
      float exact,
      boolean shortQuery,
      Map<String, List<String>> alsoAs) {
    List<Query> forms = new ArrayList<>(List.of(q));
    String abbreviation = WordForms.abbreviation(name);
    // Another way of writing the word (an abbreviation, a number in figures or in words) weighs
    // less than the word typed: "Dept." is rarer than "department", and one "Dept." outscored
    // seventeen "department"s; "second" ranked a title with "2nd" first.
    java.util.Set<String> otherWritings = new java.util.HashSet<>();
    if (abbreviation != null) otherWritings.add(abbreviation);
    String numeral = WordForms.numeral(name);
    if (numeral != null) otherWritings.add(numeral);
    String ordinal = WordForms.ordinal(name);
    if (ordinal != null) otherWritings.add(ordinal);
    for (String other : otherForms(name, shortQuery)) {
      List<Token> otherTokens = tokens(Schema.BODY, other);
      Query form = null;
      if (otherTokens.size() == 1 && !otherTokens.get(0).term().equals(stem)) {
        form = word(otherTokens.get(0).term(), other, exact);
        // An abbreviation matches as written: "pres" stems to "pre", which "pre-shaped" holds.
        if (other.equals(abbreviation) && other.length() < name.length()) {
          form = asWritten(form, other, other);
        }
        alsoAs.computeIfAbsent(stem, k -> new ArrayList<>()).add(otherTokens.get(0).term());
      } else if (otherTokens.size() > 1) {
        form = phrase(other, 0); // initials' name: "john f kennedy"
      }
      if (form == null) continue;
      forms.add(otherWritings.contains(other) ? new BoostQuery(form, OTHER_WRITING_WEIGHT) : form);
    }
    return forms.size() == 1 ? q : new DisjunctionMaxQuery(forms, 0f);
  }

  /**
   * The other forms of a word (in its names' analysis) that the stemmer does not join: a number
   * with or without its commas, the American spelling of a British word and the British of an
   * American one, the other number of an irregular noun, the name initials stand for, a
   * newspaper abbreviation's word ("Sen." and "senator"), a number's Roman numeral ("II" and
   * "2") and its ordinal's other spelling ("18th" and "eighteenth"), an acronym's letters written
   * apart ("R.I." and "R. I.").
   */
  private static List<String> otherForms(String name, boolean shortQuery) {
    List<String> out = new ArrayList<>(2);
    String number = otherNumberForm(name);
    if (number != null) out.add(number);
    String american = WordForms.american(name);
    if (american != null) out.add(american);
    String british = WordForms.british(name);
    if (british != null) out.add(british);
    String plural = WordForms.otherNumber(name);
    if (plural != null) out.add(plural);
    String initials = WordForms.name(name);
    if (initials != null) out.add(initials);
    String abbreviation = WordForms.abbreviation(name);
    if (abbreviation != null) out.add(abbreviation);
    String numeral = shortQuery ? WordForms.numeral(name) : null;
    if (numeral != null) out.add(numeral);
    String ordinal = shortQuery ? WordForms.ordinal(name) : null;
    if (ordinal != null) out.add(ordinal);
    String spaced = WordForms.spacedLetters(name);
    if (spaced != null) out.add(spaced);
    return out;
  }

  /** Longest word read as numbers joined by hyphens: a score, a season or a date is short. */
  private static final int MAX_NUMBERS_JOINED_CHARS = 32;

  /**
   * Whether {@code text} is numbers joined by single hyphens ("6-3", "1961-62"), a full stop,
   * comma or the like after them left on. Read character by character: a regular expression
   * with a repeated group overflowed the stack on a 4,000-character word.
   */
  static boolean numbersJoined(String text) {
    int end = text.length();
    while (end > 0 && ".,;:!?".indexOf(text.charAt(end - 1)) >= 0) end--;
    if (end == 0 || end > MAX_NUMBERS_JOINED_CHARS) return false;
    boolean hyphen = false;
    boolean digitBefore = false;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digitBefore = true;
      } else if (c == '-' && digitBefore) {
        hyphen = true;
        digitBefore = false;
      } else {
        return false;
      }
    }
    return hyphen && digitBefore;
  }

  /** A number with its thousands grouped by commas: the tokenizer keeps "5,000" whole. */
  private static final java.util.regex.Pattern GROUPED =
      java.util.regex.Pattern.compile("[1-9][0-9]{0,2}(,[0-9]{3})+");

  private static final java.util.regex.Pattern PLAIN_NUMBER =
      java.util.regex.Pattern.compile("[1-9][0-9]{3,14}");

  private static final java.util.regex.Pattern PERCENT =
      java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)%[.,;:!?]*");

  /** Most percent signs of a query that add the words "percent" and "per cent". */
  private static final int MAX_PERCENTS = 4;

  /**
   * A number written the other way: "5,000" as {@code 5000} and "5000" as {@code 5,000} (not a
   * year from 1000 to 2099: "1961" is not "1,961"); null for any other word.
   */
  static String otherNumberForm(String word) {
    if (GROUPED.matcher(word).matches()) return word.replace(",", "");
    if (!PLAIN_NUMBER.matcher(word).matches()) return null;
    if (word.length() == 4 && (word.charAt(0) == '1' || word.startsWith("20"))) return null;
    StringBuilder grouped = new StringBuilder(word);
    for (int i = word.length() - 3; i > 0; i -= 3) grouped.insert(i, ',');
    return grouped.toString();
  }

  /**
   * For each number typed with a percent sign ("10%"), which the analysis reads as the number
   * alone, the number followed by "percent" or "per cent", as a phrase that adds to the score: the
   * sign itself is not indexed, so the articles that wrote the word rank first.
   */
  private List<Query> percents(TypedQuery typed) {
    List<Query> out = new ArrayList<>();
    for (Part part : typed.parts()) {
      if (!part.plainWord() || out.size() == MAX_PERCENTS) continue;
      var m = PERCENT.matcher(((Word) part.alternatives().get(0)).text());
      if (!m.matches()) continue;
      Query percent = phrase(m.group(1) + " percent", 0);
      Query perCent = phrase(m.group(1) + " per cent", 0);
      if (percent == null || perCent == null) continue;
      out.add(new DisjunctionMaxQuery(List.of(percent, perCent), 0f));
    }
    return out;
  }

  /** Two neighbouring counted words, {@code first} and the next, read as one joined word. */
  private record Joined(int first, Query query) {}

  /**
   * The neighbouring words of the bag (next to each other as typed, neither a stop word, counted
   * one after the other) whose letters joined are one word, as the query of that word.
   */
  private List<Joined> joins(
      List<Token> bag, List<String> counted, Map<String, String> names, float exact) {
    List<Joined> out = new ArrayList<>();
    for (int i = 0; i + 1 < bag.size(); i++) {
      Token a = bag.get(i);
      Token b = bag.get(i + 1);
      if (a.covers() > 0 || b.covers() > 0 || a.stop() || b.stop()) continue;
      if (b.position() != a.position() + 1) continue;
      int first = counted.indexOf(a.term());
      if (first < 0 || counted.indexOf(b.term()) != first + 1) continue;
      String name = names.get(a.term()) + names.get(b.term());
      List<Token> joined = tokens(Schema.BODY, name);
      if (joined.size() != 1 || joined.get(0).stop()) continue;
      // It stands for both words typed, so it weighs as two; unless the archive writes them
      // apart (see JoinedPair).
      String term = joined.get(0).term();
      Query asWord = new BoostQuery(word(term, name, exact), 2f);
      Query together = pair(names.get(a.term()), names.get(b.term()));
      out.add(
          new Joined(
              first,
              together == null
                  ? asWord
                  : new JoinedPair(
                      asWord, joinedVariant(term, name), new Term(Schema.BODY, term), together)));
    }
    return out;
  }

  /**
   * Two words side by side as a phrase in the text fields, or null unless each is one word that
   * is neither a stop word nor a function word (for {@link RunTogetherWord}).
   */
  private Query pair(String first, String second) {
    for (String part : List.of(first, second)) {
      List<Token> tokens = tokens(Schema.BODY, part);
      if (tokens.size() != 1 || tokens.get(0).stop() || tokens.get(0).function()) return null;
    }
    return phrase(first + " " + second, 0);
  }

  private static Query all(List<Query> queries) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    for (Query q : queries) all.add(q, Occur.MUST);
    return all.build();
  }

  /**
   * Whether a word the tokenizer kept whole holds a dot between letters that is not an acronym's
   * ("st.louis", "u.s.steel"; not "f.b.i", "3.5"): typed without the space after a full stop.
   */
  private static boolean dotted(String name) {
    boolean longSegment = false;
    int segment = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '.') {
        if (i == 0
            || i + 1 == name.length()
            || !Character.isLetter(name.charAt(i - 1))
            || !Character.isLetter(name.charAt(i + 1))) return false;
        segment = 0;
      } else if (++segment > 1) {
        longSegment = true;
      }
    }
    return longSegment && name.indexOf('.') > 0;
  }

  /** A word with dots inside ("st.louis") as typed, or as the words between its dots. */
  private Query splitAtDots(String stem, String name) {
    String spaced = name.replace('.', ' ');
    List<Token> parts = tokens(Schema.BODY, spaced).stream().filter(t -> t.covers() == 0).toList();
    List<Token> partNames =
        tokens(Schema.AUTHOR_TEXT, spaced).stream().filter(t -> t.covers() == 0).toList();
    if (parts.size() < 2 || parts.size() > MAX_DOT_PARTS || parts.size() != partNames.size())
      return word(stem, name, 0f);
    List<Token> forms = new ArrayList<>(parts);
    forms.add(new Token(stem, false, false, 0, parts.size()));
    List<String> formNames = new ArrayList<>();
    for (Token t : partNames) formNames.add(t.term());
    formNames.add(name);
    return eitherForm(forms, formNames);
  }

  /** The query of a part that is not a plain word: alternatives are OR-ed. */
  private Query part(Part part, boolean relaxed, FuzzyBudget fuzzy, boolean inShort) {
    List<Query> alternatives = new ArrayList<>();
    for (Item item : part.alternatives()) {
      Query q = item(item, relaxed, fuzzy, inShort);
      if (q != null) alternatives.add(q);
    }
    if (alternatives.isEmpty()) return null;
    if (alternatives.size() == 1) return alternatives.get(0);
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (Query q : alternatives) any.add(q, Occur.SHOULD);
    return any.build();
  }

  /**
   * One item of a part; a group in brackets is read as the whole query is: relaxed to any of its
   * words when the whole is ("(enskog theory)" found nothing where "enskog theory" relaxed).
   */
  private Query item(Item item, boolean relaxed, FuzzyBudget fuzzy, boolean inShort) {
    return switch (item) {
      case Phrase p -> phrase(p.text(), p.slop());
      case Group g -> build(g.query(), relaxed, fuzzy, inShort);
      case Word w when w.kind() == Word.Kind.PREFIX -> prefix(w.text());
      case Word w when w.kind() == Word.Kind.FUZZY -> fuzzy(w.text(), w.edits(), fuzzy);
      case Word w -> plain(w.text());
    };
  }

  /**
   * A word outside the bag (in an OR, signed): one term (with its {@link #otherForms}), or a
   * phrase if it splits into several, or either form of a word written two ways.
   */
  private Query plain(String text) {
    List<Token> tokens = tokens(Schema.BODY, text);
    if (tokens.isEmpty()) return null;
    Token last = tokens.get(tokens.size() - 1);
    if (last.covers() > 0 && last.covers() == tokens.size() - 1 && !last.stop()) {
      return eitherForm(tokens, terms(Schema.AUTHOR_TEXT, text));
    }
    if (tokens.size() == 1) {
      List<String> names = terms(Schema.AUTHOR_TEXT, text);
      String stem = tokens.get(0).term();
      String name = names.isEmpty() ? stem : names.get(0);
      // "+mice" and "mice OR rats" find "mouse" as "mice" alone does.
      return withOtherForms(
          word(stem, name, ranking.exact()), stem, name, ranking.exact(), true, new HashMap<>());
    }
    return phrase(text, 0);
  }

  /**
   * A word written two ways, as either: {@code forms} ends with its joined token (see {@link
   * ArticleAnalyzer#JOINED_TYPE}), after the tokens it covers, which match as a phrase;
   * {@code names} are the same tokens in the names' analysis.
   */
  private Query eitherForm(List<Token> forms, List<String> names) {
    int last = forms.size() - 1;
    Token whole = forms.get(last);
    BooleanQuery.Builder either = new BooleanQuery.Builder();
    either.add(word(whole.term(), names.get(last), ranking.exact()), Occur.SHOULD);
    List<Token> parts = rebase(forms.subList(0, last));
    if (parts.size() == 1) {
      either.add(word(parts.get(0).term(), names.get(0), ranking.exact()), Occur.SHOULD);
    } else {
      for (String field : new String[] {Schema.TITLE, Schema.BODY}) {
        add(either, phraseIn(field, parts, 0), weight(field));
      }
      List<Token> nameParts = new ArrayList<>(parts.size());
      for (int i = 0; i < parts.size(); i++)
        nameParts.add(new Token(names.get(i), false, false, parts.get(i).position(), 0));
      add(either, phraseIn(Schema.AUTHOR_TEXT, nameParts, 0), weight(Schema.AUTHOR_TEXT));
    }
    return either.build();
  }

  /**
   * A word's joined form ({@code teenage} for a part of "teen-age") as a variant of each part: at
   * a constant tenth of a word's weight, as prefixes' expansions are, so it finds the articles
   * that wrote the word joined and changes nothing for those holding the part (measured: scored
   * as a word of its own, its rarity lifted every article that hyphenated the word above those
   * that did not, and nDCG@10 on Cranfield fell from 0.388 to 0.379).
   */
  private Query joinedVariant(String stem, String name) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (String field : new String[] {Schema.TITLE, Schema.BODY}) {
      add(
          any,
          new ConstantScoreQuery(new TermQuery(new Term(field, stem))),
          weight(field) * VARIANT_WEIGHT);
    }
    add(
        any,
        new ConstantScoreQuery(new TermQuery(new Term(Schema.AUTHOR_TEXT, name))),
        weight(Schema.AUTHOR_TEXT) * VARIANT_WEIGHT);
    return asTyped(any.build(), name); // "U.S." joined is "us", not the stem of "use"
  }

  /** One word in every text field, each with its weight: title and body stemmed, names not. */
  private Query word(String stem, String name, float exact) {
    BooleanQuery.Builder fields = new BooleanQuery.Builder();
    if (ranking.blend()) {
      fields.add(
          new CombinedFieldQuery.Builder(stem)
              .addField(Schema.TITLE, ranking.title())
              .addField(Schema.BODY, ranking.body())
              .build(),
          Occur.SHOULD);
    } else {
      add(fields, new TermQuery(new Term(Schema.TITLE, stem)), ranking.title());
      add(fields, new TermQuery(new Term(Schema.BODY, stem)), ranking.body());
    }
    add(fields, new TermQuery(new Term(Schema.AUTHOR_TEXT, name)), ranking.author());
    // The word as typed, where the text holds it unstemmed: the vocabulary field, which holds
    // title and body with the names' analysis, so it matches no article the stem does not.
    add(fields, new TermQuery(new Term(Schema.SPELL, name)), exact);
    return asTyped(fields.build(), name);
  }

  /**
   * {@code q}, the query of the word {@code name}, matching only as typed if the stemmer merges
   * the word with another ({@link WordForms#keepsForm}: "mrs" is indexed as mr, "us" as the stem
   * of "use"): the stem scores, the word as typed decides which articles match, read in the
   * vocabulary field (title and body, unstemmed) and the names. Typed with dots ("U.S."), the word
   * is its letters, as the vocabulary holds it. Keeping such words from stemming in the index
   * would also score them as typed, but needs a new Schema.VERSION and every archive reindexed.
   */
  private static Query asTyped(Query q, String name) {
    String closed = name.replace(".", "");
    if (!WordForms.keepsForm(closed)) return q;
    return asWritten(q, closed, name);
  }

  /**
   * {@code q}, matching only the articles whose title or body holds {@code closed} unstemmed, or
   * whose names hold {@code name}.
   */
  private static Query asWritten(Query q, String closed, String name) {
    Query typed =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(Schema.SPELL, closed)), Occur.SHOULD)
            .add(new TermQuery(new Term(Schema.AUTHOR_TEXT, name)), Occur.SHOULD)
            .build();
    return new BooleanQuery.Builder().add(q, Occur.MUST).add(typed, Occur.FILTER).build();
  }

  private Query phrase(String text, int slop) {
    BooleanQuery.Builder fields = new BooleanQuery.Builder();
    int added = 0;
    for (String field : Schema.TEXT_FIELDS) {
      // A phrase matches as written: a word's joined form sits at its first part's position.
      List<Token> tokens = tokens(field, text).stream().filter(t -> t.covers() == 0).toList();
      // A long phrase with slop is matched as typed, in order (see PatternLimits).
      int s = tokens.size() > PatternLimits.MAX_SLOPPY_PHRASE_WORDS ? 0 : slop;
      Query q = phraseIn(field, tokens, s);
      if (q != null) added += add(fields, q, weight(field));
    }
    return added == 0 ? null : fields.build();
  }

  private static Query phraseIn(String field, List<Token> tokens, int slop) {
    if (tokens.isEmpty()) return null;
    if (tokens.size() == 1) return new TermQuery(new Term(field, tokens.get(0).term()));
    PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(slop);
    for (Token t : tokens) phrase.add(new Term(field, t.term()), t.position());
    return phrase.build();
  }

  /**
   * A phrase in which a word may also be one of its other forms ({@code alsoAs}, by stem): "grey
   * hair" also as "gray hair", so that the words found together in the other form rank as high.
   */
  private static Query phraseIn(
      String field, List<Token> tokens, int slop, Map<String, List<String>> alsoAs) {
    if (tokens.size() < 2 || tokens.stream().noneMatch(t -> alsoAs.containsKey(t.term())))
      return phraseIn(field, tokens, slop);
    MultiPhraseQuery.Builder phrase = new MultiPhraseQuery.Builder().setSlop(slop);
    for (Token t : tokens) {
      List<String> others = alsoAs.getOrDefault(t.term(), List.of());
      Term[] terms = new Term[1 + others.size()];
      terms[0] = new Term(field, t.term());
      for (int i = 0; i < others.size(); i++) terms[i + 1] = new Term(field, others.get(i));
      phrase.add(terms, t.position());
    }
    return phrase.build();
  }

  /**
   * The expansions of a prefix at a constant score (title above body), and the typed letters as
   * a word of their own, scored, so that an article holding exactly {@code jury} ranks above one
   * holding only {@code juryroom} for {@code jury*}. The word also finds what the expansions
   * cannot: title and body hold stems, and "jury" is indexed as "juri", which {@code jury*} does
   * not expand to.
   */
  private Query prefix(String text) {
    BooleanQuery.Builder fields = new BooleanQuery.Builder();
    for (String field : Schema.TEXT_FIELDS) {
      BytesRef term = analyzer.normalize(field, text);
      if (term.length == 0) return null;
      add(
          fields,
          new PrefixQuery(new Term(field, term), expansion),
          weight(field) * VARIANT_WEIGHT);
    }
    Query exact = plain(text);
    if (exact != null) fields.add(exact, Occur.SHOULD);
    return fields.build();
  }

  /**
   * The word itself, scored as any word, or a variant within {@code edits} (-1: by length, as
   * Elasticsearch's AUTO: none up to 2 letters, 1 up to 5, else 2) at a constant, lower weight:
   * the exact word always ranks above its variants. A word past the query's {@link FuzzyBudget}
   * is searched as typed.
   */
  private Query fuzzy(String text, int edits, FuzzyBudget budget) {
    Query exact = plain(text);
    String normal = analyzer.normalize(Schema.BODY, text).utf8ToString();
    int n = normal.codePointCount(0, normal.length());
    int max = edits >= 0 ? edits : n <= 2 ? 0 : n <= 5 ? 1 : 2;
    // The tokenizer cuts words at 255 characters, so a longer one has no variants to find; its
    // automaton would only burn CPU.
    if (max == 0 || normal.isEmpty() || n > MAX_FUZZY_CHARS || !budget.take(n)) return exact;
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    if (exact != null) any.add(exact, Occur.SHOULD);
    for (String field : Schema.TEXT_FIELDS) {
      FuzzyQuery variants =
          new FuzzyQuery(new Term(field, normal), max, 1, maxExpansions, true, expansion);
      any.add(
          new BoostQuery(new ConstantScoreQuery(variants), weight(field) * VARIANT_WEIGHT),
          Occur.SHOULD);
    }
    return any.build();
  }

  /**
   * Boosts for words found together: the bag as one sloppy phrase, and each two neighbours. Pairs
   * of two stop words are left out unless the bag is all stop words (they say little, and their
   * positions are the longest to read).
   */
  private List<Query> proximity(
      List<Token> bag, boolean allStop, Map<String, List<String>> alsoAs) {
    List<Query> boosts = new ArrayList<>();
    List<Token> words =
        bag.size() > MAX_PROXIMITY_WORDS ? bag.subList(0, MAX_PROXIMITY_WORDS) : bag;
    if (words.size() < 2) return boosts;
    // The phrase as typed, and without the stop words at its ends: "the state of the union" is
    // also looked for as "state of the union", which "his State of the Union message" holds (as
    // typed only, those texts ranked 10th and 18th in the Brown Corpus, first without the "the").
    // As typed it still counts: "IT budget" is not "budget".
    List<Token> trimmed = allStop ? words : trimStopWords(words);
    List<List<Token>> phrases =
        trimmed.size() >= 2 && trimmed.size() < words.size()
            ? List.of(words, trimmed)
            : List.of(words);
    for (List<Token> phrase : ranking.phrase() > 0 ? phrases : List.<List<Token>>of()) {
      for (String field : new String[] {Schema.TITLE, Schema.BODY}) {
        Query q = phraseIn(field, rebase(phrase), ranking.phraseSlop(), alsoAs);
        if (weight(field) > 0) boosts.add(new BoostQuery(q, weight(field) * ranking.phrase()));
      }
    }
    // Pairs are of neighbouring words that count (stop words between them are kept as a gap):
    // "heat conduction in composite slabs" pairs "heat conduction", "conduction _ composite",
    // "composite slabs".
    List<Token> counted = allStop ? words : words.stream().filter(t -> !t.stop()).toList();
    if (ranking.pairs() > 0 && counted.size() > 2) {
      for (int i = 0; i + 1 < counted.size(); i++) {
        Token a = counted.get(i);
        Token b = counted.get(i + 1);
        for (String field : new String[] {Schema.TITLE, Schema.BODY}) {
          Query q = phraseIn(field, rebase(List.of(a, b)), ranking.pairSlop(), alsoAs);
          if (weight(field) > 0) boosts.add(new BoostQuery(q, weight(field) * ranking.pairs()));
        }
      }
    }
    return boosts;
  }

  /** Most words before a word being typed that its phrase boost looks at. */
  private static final int MAX_TYPING_PHRASE_WORDS = 4;

  /**
   * For plain words followed by a word's start ({@code berlin wal*}: the search box sends a last
   * word being typed so), the start and the words before it from the last that is not a stop word
   * ("state of the uni*"), as a phrase in the title and the body that adds to the score as the
   * phrase boost does: the words typed so far are read together, not only each anywhere. Without
   * slop: the word being typed follows the others ("a serene world" is not "world ser").
   */
  private List<Query> typingPhrase(TypedQuery typed, List<Token> words) {
    List<Part> parts = typed.parts();
    if (ranking.phrase() <= 0 || parts.size() < 2 || words.isEmpty()) return List.of();
    Part last = parts.get(parts.size() - 1);
    if (last.sign() != TypedQuery.Sign.DEFAULT
        || last.alternatives().size() != 1
        || !(last.alternatives().get(0) instanceof Word w)
        || w.kind() != Word.Kind.PREFIX) {
      return List.of();
    }
    for (Part part : parts.subList(0, parts.size() - 1)) if (!part.plainWord()) return List.of();
    int from = words.size() - 1;
    while (from > 0 && words.get(from).stop()) from--;
    from = Math.max(from, words.size() - MAX_TYPING_PHRASE_WORDS);
    List<Token> before = rebase(words.subList(from, words.size()));
    List<String> terms = new ArrayList<>(before.size());
    int[] positions = new int[before.size()];
    for (int i = 0; i < before.size(); i++) {
      terms.add(before.get(i).term());
      positions[i] = before.get(i).position();
    }
    List<Token> stem = tokens(Schema.BODY, w.text());
    String whole = stem.size() == 1 ? stem.get(0).term() : null;
    List<Query> boosts = new ArrayList<>(2);
    for (String field : new String[] {Schema.TITLE, Schema.BODY}) {
      String prefix = analyzer.normalize(field, w.text()).utf8ToString();
      if (prefix.isEmpty() || weight(field) <= 0) continue;
      Query phrase = new PhrasePrefix(field, terms, positions, prefix, whole, 0, maxExpansions);
      boosts.add(new BoostQuery(phrase, weight(field) * ranking.phrase()));
    }
    return boosts;
  }

  /** The tokens without the stop words before the first other word and after the last. */
  private static List<Token> trimStopWords(List<Token> tokens) {
    int from = 0;
    int to = tokens.size();
    while (from < to && tokens.get(from).stop()) from++;
    while (to > from && tokens.get(to - 1).stop()) to--;
    return tokens.subList(from, to);
  }

  /** The tokens with positions counted from the first one's. */
  private static List<Token> rebase(List<Token> tokens) {
    int first = tokens.get(0).position();
    return tokens.stream()
        .map(t -> new Token(t.term(), t.stop(), t.function(), t.position() - first, t.covers()))
        .toList();
  }

  private float weight(String field) {
    return switch (field) {
      case Schema.TITLE -> ranking.title();
      case Schema.AUTHOR_TEXT -> ranking.author();
      default -> ranking.body();
    };
  }

  private static int add(BooleanQuery.Builder fields, Query q, float weight) {
    if (weight <= 0) return 0;
    fields.add(weight == 1f ? q : new BoostQuery(q, weight), Occur.SHOULD);
    return 1;
  }

  /**
   * The characters of fuzzy words one query may have ({@link PatternLimits#MAX_FUZZY_CHARS_PER_QUERY}):
   * each word's automaton is built per text field before the search and outside its time limit,
   * in time that grows with its length, so fifteen 250-letter words took 10 s of CPU. A search box
   * never refuses what is typed: the words past it are searched as typed.
   */
  private static final class FuzzyBudget {
    private int left = PatternLimits.MAX_FUZZY_CHARS_PER_QUERY;

    boolean take(int chars) {
      if (chars > left) return false;
      left -= chars;
      return true;
    }
  }

  /**
   * An analysed word: its indexed form, whether it is a stop word, its position in the text, and
   * for a word's joined form ({@link ArticleAnalyzer#JOINED_TYPE}) how many of the tokens just
   * before it it stands for (0 for any other token).
   */
  record Token(String term, boolean stop, boolean function, int position, int covers) {}

  /**
   * The analysed words of {@code text}, each joined form ({@link ArticleAnalyzer#JOINED_TYPE})
   * placed after the tokens inside its offsets, which it {@link Token#covers covers}.
   */
  private List<Token> tokens(String field, String text) {
    List<Token> out = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    List<int[]> waiting = new ArrayList<>(); // joined forms: index in `joined`, start, end
    List<Token> joined = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      TypeAttribute type = ts.addAttribute(TypeAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      int position = -1;
      while (ts.incrementToken()) {
        position += increment.getPositionIncrement();
        Token t =
            new Token(
                term.toString(),
                ArticleAnalyzer.STOP_TYPE.equals(type.type()),
                ArticleAnalyzer.FUNCTION_TYPE.equals(type.type()),
                position,
                0);
        if (ArticleAnalyzer.JOINED_TYPE.equals(type.type())) {
          waiting.add(new int[] {joined.size(), offset.startOffset(), offset.endOffset()});
          joined.add(t);
          continue;
        }
        placeJoined(out, starts, waiting, joined, offset.startOffset());
        out.add(t);
        starts.add(offset.startOffset());
      }
      ts.end();
      placeJoined(out, starts, waiting, joined, Integer.MAX_VALUE);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // analysing a String does no I/O
    }
    return out;
  }

  /** Appends the joined forms that end before {@code next}, covering the tokens inside them. */
  private static void placeJoined(
      List<Token> out, List<Integer> starts, List<int[]> waiting, List<Token> joined, int next) {
    for (java.util.Iterator<int[]> it = waiting.iterator(); it.hasNext(); ) {
      int[] w = it.next();
      if (w[2] > next) continue;
      it.remove();
      int covers = 0;
      for (int i = out.size() - 1; i >= 0 && out.get(i).covers() == 0 && starts.get(i) >= w[1]; i--)
        covers++;
      if (covers == 0) continue;
      Token t = joined.get(w[0]);
      out.add(new Token(t.term(), t.stop(), t.function(), t.position(), covers));
      starts.add(w[1]);
    }
  }

  private List<String> terms(String field, String text) {
    return tokens(field, text).stream().map(Token::term).toList();
  }
}
