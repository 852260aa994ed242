package dev.byline.search;

import dev.byline.index.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.spell.WordBreakSpellChecker;
import org.apache.lucene.util.BytesRef;

/**
 * "Did you mean": respells the plain words of a query with Lucene's spell checker over the indexed
 * vocabulary (the unstemmed {@link Schema#SPELL} field), and offers the respelling only if it finds
 * clearly more articles: at least twice as many, and at least one. A word some articles hold is
 * respelled only to one that many times more hold (see {@link #KNOWN_WORD_RATIO}): most such words
 * are names, and "did you mean" turning a reader's "Stan Musial" into "span musical" is worse than
 * not offering one.
 *
 * <p>A word no article holds may be two run together: "newyork" is offered as "new york" (Lucene's
 * word-break spell checker, as Solr's {@code WordBreakSolrSpellChecker}) when both words are
 * commoner than any respelling of it.
 *
 * <p>Only a query that finds fewer than {@link #MAX_RESULTS_FOR_SUGGEST} articles is respelled
 * (Solr's {@code spellcheck.maxResultsForSuggest}): a query that fills pages is what the reader
 * meant, and looking up every word's neighbours in the vocabulary on every search cost more than
 * the search itself for rare words. Its typos ({@link #isTypo}) are the exception: words no
 * article holds and no dictionary knows find what they find by the stemmer's accident
 * ("noticable" finds the 99 texts of "notice"), and are respelled whatever the query finds.
 */
final class Spelling {
  private static final Pattern WORD =
      Pattern.compile("(?<![\\p{L}\\p{N}\"*~:-])\\p{L}{3,}(?![\\p{L}\\p{N}*~:])");
  private static final int MAX_WORDS = 10;

  /** What separates a query's words for joining neighbours ("di maggio" as "dimaggio"). */
  private static final Pattern NEIGHBOURS = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** Queries finding this many articles or more are not respelled. */
  static final long MAX_RESULTS_FOR_SUGGEST = 20;

  /**
   * How many times more articles a respelling must be in than a word that is in the vocabulary
   * itself. A word no article has is respelled to any neighbour; one that some articles have is
   * usually a name ("Musial", "Custer", "Maris": 1 or 2 articles of the Brown Corpus, beside
   * "musical", "cluster", "Mary" in 9 to 32, which a 4-fold rule respelled them to), and only
   * rarely a typo the archive holds too, which its right spelling outnumbers by hundreds. Lucene's
   * own rule (a word in over 1% of the articles is right) still applies on top.
   */
  static final int KNOWN_WORD_RATIO = 100;

  /**
   * Longest word respelled or split, in characters: longer than any word a reader misspells
   * ("antidisestablishmentarianism" is 28). Lucene's checker builds a Levenshtein automaton per
   * word and walks the vocabulary with it, which for ten words of 400 letters cost 3 to 8 s.
   */
  static final int MAX_WORD_CHARS = 32;

  /**
   * Words of one query respelled by the dictionary ({@link EnglishWords#respellings}), each up to
   * {@link EnglishWords#RESPELL_MILLIS}: a bound on the time a query of typos costs.
   */
  static final int MAX_DICTIONARY_WORDS = 2;

  /** Articles each part of a split word must be in: a split into a one-off typo helps nobody. */
  static final int MIN_PART_ARTICLES = 2;

  private final DirectSpellChecker checker = new DirectSpellChecker();
  private final WordBreakSpellChecker breaker = new WordBreakSpellChecker();
  private final Analyzer analyzer;

  Spelling(Analyzer analyzer) {
    this.analyzer = analyzer;
    checker.setMaxEdits(2);
    checker.setAccuracy(0.7f);
    breaker.setMaxChanges(1);
    breaker.setMinBreakWordLength(2);
    breaker.setMinSuggestionFrequency(MIN_PART_ARTICLES);
  }

  /**
   * A better-spelled query, or null.
   *
   * @param count how many articles a query text finds (with the request's filters)
   */
  String suggest(IndexSearcher searcher, String query, long total, ToLongFunction<String> count)
      throws IOException {
    // A query finding many articles is what the reader meant, except for its typos.
    boolean many = total >= MAX_RESULTS_FOR_SUGGEST;
    // A query with a word English does not write is in another language, and the dictionary and
    // the respellings are English: "combien de français sont morts au népal" was "combine de…",
    // "evropská liga" "…lisa", "assemblée" "assembled".
    if (notEnglish(query)) return null;
    IndexReader reader = searcher.getIndexReader();
    Matcher m = WORD.matcher(query);
    StringBuilder respelled = new StringBuilder();
    StringBuilder withSplits = new StringBuilder();
    int words = 0;
    int asked = 0;
    boolean splits = false;
    boolean typosOnly = true;
    int last = 0;
    while (m.find() && words++ < MAX_WORDS) {
      String word = m.group();
      if (word.equals("OR") || word.equals("AND") || word.equals("NOT")) continue;
      if (word.length() > MAX_WORD_CHARS) continue;
      String term = analyzer.normalize(Schema.SPELL, word).utf8ToString();
      int known = held(reader, term);
      // A typo may be in an article or two too ("sucess" in one Brown text, "success" in 167),
      // as a slip of its writer's, not as a name or a word of another language.
      boolean typo =
          known <= MAX_MISSPELLING_ARTICLES
              && isTypo(reader, query, term)
              && (known == 0 || heldAsSlip(reader, term));
      if (many && !typo) continue;
      // Nor is a word an article or two hold in a title, a byline, repeated or in another
      // language: a name or a word of that language is neither replaced nor offered a respelling
      // ("Brendan Eich" is not "each", "Tite" not "time").
      if (known > 0
          && known <= MAX_MISSPELLING_ARTICLES
          && !typo
          && !EnglishWords.isWord(term)
          && !heldAsSlip(reader, term)) {
        continue;
      }
      // A word held once or twice that is two words written together elsewhere ("newyork",
      // held once as "New-York") is no misspelling: the query reads it as both (RunTogetherWord).
      if (known > 0 && typo && split(reader, term, null, 0, count) != null) continue;
      SuggestWord[] suggestions =
          checker.suggestSimilar(
              new Term(Schema.SPELL, term), 1, reader, SuggestMode.SUGGEST_MORE_POPULAR);
      String better = null;
      int betterFreq = 0;
      if (suggestions.length > 0
          && ((moreLikelyMeant(known, suggestions[0].freq)
                  // A word of the dictionary that articles hold is the word meant: "whale" (3
                  // articles) is not "while", "omen" not "open".
                  && !(known > 0 && EnglishWords.isWord(term)))
              || (known > 0 && typo && misspells(known, suggestions[0])))) {
        better = suggestions[0].string;
        betterFreq = suggestions[0].freq;
      } else if (known == 0 && asked++ < MAX_DICTIONARY_WORDS && !EnglishWords.isWord(term)) {
        // Further than the archive's words reach ("embarass" is 3 edits from "embarrassed"): the
        // dictionary's respelling, if the archive holds it in some form.
        better = dictionaryRespelling(reader, term);
      }
      // Words run together ("newyork", "whitehouse", "DeSapio"): two words the archive holds
      // side by side may beat a respelling ("network", "whitehorse", "despair"); see split.
      String split =
          (known == 0 || typo) && !many ? split(reader, term, better, betterFreq, count) : null;
      if (better != null || split != null) {
        respelled.append(query, last, m.start()).append(better != null ? better : word);
        withSplits.append(query, last, m.start()).append(split != null ? split : better);
        splits |= split != null;
        typosOnly &= typo;
        last = m.end();
      }
    }
    if (last == 0) return null;
    respelled.append(query.substring(last));
    withSplits.append(query.substring(last));
    // The split first; if it finds nothing ("mcarthur" as "mc arthur"), the respelling alone.
    if (splits) {
      // Not for typos only: two words the archive holds are a guess ("injectants" as "inject
      // ants"), to be offered when they find clearly more, not imposed.
      String candidate = better(withSplits.toString(), query, total, false, count);
      if (candidate != null) return candidate;
    }
    return better(respelled.toString(), query, total, typosOnly, count);
  }

  /**
   * {@code candidate} if it differs from the query and finds clearly more (twice as many), or
   * finds something and respells {@code typosOnly} (what typos find, they find by accident, so
   * its number says nothing); else null.
   */
  private static String better(
      String candidate, String query, long total, boolean typosOnly, ToLongFunction<String> count) {
    if (candidate.toLowerCase(Locale.ROOT).equals(query.toLowerCase(Locale.ROOT))) return null;
    long found = count.applyAsLong(candidate);
    return found > 0 && (typosOnly || found >= 2 * total) ? candidate : null;
  }

  /**
   * Whether {@code term}, a word no article holds, is a typo: no English word ({@link
   * EnglishWords}), and the archive holds none of its {@link #relatives} either. What such a word
   * finds, it finds through the stemmer merging it with another word ("goverment" has the stem of
   * "governess", "definately" that of "defined", "noticable" that of "notice"). An inflection the
   * archive lacks beside one it holds ("ferries" beside "ferry"), a British word beside its
   * American form ("gaol" beside "jail"), or a real word the archive lacks ("conical", which finds
   * "conic") is what the reader meant; so is a word that the archive holds joined with its
   * neighbour in the {@code query} ("maggio" in "di maggio", held as "DiMaggio").
   */
  private boolean isTypo(IndexReader reader, String query, String term) throws IOException {
    if (EnglishWords.isWord(term)) return false;
    for (String form : relatives(term)) {
      if (reader.docFreq(new Term(Schema.SPELL, form)) > 0) return false;
    }
    String previous = null;
    for (String typed : NEIGHBOURS.split(query)) {
      String word = analyzer.normalize(Schema.SPELL, typed).utf8ToString();
      if (previous != null && (previous.equals(term) || word.equals(term))) {
        if (reader.docFreq(new Term(Schema.SPELL, previous + word)) > 0) return false;
      }
      previous = word;
    }
    return true;
  }

  /**
   * The dictionary's first respelling of {@code term} that is one edit from it (a letter added,
   * dropped or changed, or two swapped: "embarass" → "embarrass"; the dictionary's further guesses
   * for a word it does not know, such as "hodograph" → "phonograph", are guesses) and that the
   * archive holds, itself or by one of its {@link #relatives}; or null.
   */
  private static String dictionaryRespelling(IndexReader reader, String term) throws IOException {
    for (String respelling : EnglishWords.respellings(term)) {
      if (!oneEdit(term, respelling)) continue;
      if (reader.docFreq(new Term(Schema.SPELL, respelling)) > 0) return respelling;
      for (String form : relatives(respelling)) {
        if (reader.docFreq(new Term(Schema.SPELL, form)) > 0) return respelling;
      }
    }
    return null;
  }

  /** Splits of a word whose words side by side are counted, against a respelling. */
  private static final int MAX_SPLITS_COUNTED = 3;

  /**
   * The word (one no article holds, or a {@link #heldAsSlip slip} an article or two hold) as two
   * words that articles do hold, each in at least {@link #MIN_PART_ARTICLES} articles; or null.
   *
   * <p>The split the archive holds side by side in the most articles (of the {@link
   * #MAX_SPLITS_COUNTED} with the commonest rarer parts; {@code count} counts them), and only in
   * enough of them. With no respelling, one will do: two words never written together are a guess
   * ("bitcoin" is not "bit coin", "injectants" not "inject ants"). Against a respelling ({@code
   * better}, in {@code betterFreq} articles), a respelling one edit away is what was meant
   * unless the two words stand together in as many articles as it is in ("trueman" is "truman", of
   * which "true man" is a chance pair; "whitehouse" is "white house", not "whitehorse"); a
   * respelling further away yields to two words the archive holds together at all ("DeSapio" is
   * "De Sapio", not "despair"; "newyork" is "new york", not "network").
   */
  private String split(
      IndexReader reader, String term, String better, int betterFreq, ToLongFunction<String> count)
      throws IOException {
    SuggestWord[][] splits =
        breaker.suggestWordBreaks(
            new Term(Schema.SPELL, term),
            8,
            reader,
            SuggestMode.SUGGEST_ALWAYS, // a typo may be in an article or two too
            WordBreakSpellChecker.BreakSuggestionSortMethod.NUM_CHANGES_THEN_MAX_FREQUENCY);
    List<SuggestWord[]> pairs = new ArrayList<>();
    for (SuggestWord[] parts : splits) {
      if (parts.length == 2 && Math.min(parts[0].freq, parts[1].freq) >= MIN_PART_ARTICLES) {
        pairs.add(parts);
      }
    }
    // The commonest rarer part first.
    pairs.sort(
        (a, b) -> Integer.compare(Math.min(b[0].freq, b[1].freq), Math.min(a[0].freq, a[1].freq)));
    if (pairs.isEmpty()) return null;
    long need =
        better == null
            ? 1
            : oneEdit(term, better) ? Math.max(betterFreq, MIN_PART_ARTICLES) : MIN_PART_ARTICLES;
    String best = null;
    long bestTogether = need - 1;
    for (SuggestWord[] parts : pairs.subList(0, Math.min(MAX_SPLITS_COUNTED, pairs.size()))) {
      String words = parts[0].string + " " + parts[1].string;
      long together = count.applyAsLong('"' + words + '"');
      if (together > bestTogether) {
        bestTogether = together;
        best = words;
      }
    }
    return best;
  }

  /** Whether {@code respelling} is one edit from {@code term} (a letter added, dropped, changed, or two swapped). */
  private static boolean oneEdit(String term, String respelling) {
    return org.apache.lucene.util.automaton.Operations.run(
        new org.apache.lucene.util.automaton.LevenshteinAutomata(term, true).toAutomaton(1),
        respelling);
  }

  /**
   * Whether {@code respelled} (a {@link #suggest suggestion} for {@code query}) is sure enough to
   * be searched instead of what was typed: every word it changes is one no article holds. A word
   * some article holds may be the word meant, however much commoner its respelling ("omen" in 2
   * articles of the Brown Corpus, "open" in 250: "bad omen" showed the results of "bad open"); it
   * is offered ("did you mean"), not imposed.
   *
   * <p>When the query as typed {@code foundSomething} (every word matched some article), each
   * changed word must moreover be a {@link #isTypo typo}.
   */
  boolean replaces(IndexReader reader, String query, String respelled, boolean foundSomething)
      throws IOException {
    java.util.Set<String> kept = new java.util.HashSet<>();
    Matcher r = WORD.matcher(respelled);
    while (r.find()) kept.add(r.group().toLowerCase(Locale.ROOT));
    Matcher m = WORD.matcher(query);
    int words = 0;
    while (m.find() && words++ < MAX_WORDS) { // the words suggest looks at
      String word = m.group();
      if (kept.contains(word.toLowerCase(Locale.ROOT))) continue;
      // A short word in capitals is an acronym: "NASA" is not "nasal", nor "NEA" "nae".
      if (ACRONYM.matcher(word).matches()) return false;
      String term = analyzer.normalize(Schema.SPELL, word).utf8ToString();
      int known = held(reader, term);
      // A word some article holds, typed with a capital, is a name ("Sixt" is not "sixth"): the
      // respelling is offered, not imposed.
      if (known > 0 && Character.isUpperCase(word.codePointAt(0))) return false;
      if (known > 0 && !heldMisspelling(reader, query, term, known, respelled)) return false;
      if (foundSomething && !isTypo(reader, query, term)) return false;
      // An English word the archive lacks is what the reader meant ("medicare" in an archive
      // from before it, not "medicale"; "laminar" is not "laminate"), unless the respelling only
      // ends otherwise, as its other form would ("schizophrenia" and "schizophrenic"), or is a
      // word of several articles ("calender" for "calendar", in 13 Brown texts; "medicale" is in
      // one, "laminate" in two).
      if (EnglishWords.isWord(term) && !likelyMeant(reader, term, respelled)) return false;
    }
    return true;
  }

  /** A word of two to six capitals (digits after the first allowed): an acronym. */
  private static final Pattern ACRONYM = Pattern.compile("\\p{Lu}[\\p{Lu}\\p{N}]{1,5}");

  /** Most articles a word may be in and still be read as a misspelling of a commoner one. */
  static final int MAX_MISSPELLING_ARTICLES = 2;

  /** How many times the articles of a held misspelling its respelling must be in. */
  static final int MISSPELLING_RATIO = 10;

  /**
   * Whether a {@link #isTypo typo} in {@code known} articles (at most {@link
   * #MAX_MISSPELLING_ARTICLES}) is a misspelling of {@code respelling}: an English word in {@link
   * #MISSPELLING_RATIO} times as many. An archive holds its writers' typos too, so a reader's
   * typo finds one by accident ("sucess" found the one Brown text with it, not the 167 with
   * "success").
   */
  private static boolean misspells(int known, SuggestWord respelling) {
    return known <= MAX_MISSPELLING_ARTICLES
        && (long) known * MISSPELLING_RATIO <= respelling.freq
        && EnglishWords.isWord(respelling.string);
  }

  /**
   * Whether {@code term}, in {@code known} articles, is a typo that {@code respelled} corrects to
   * an English word in {@link #MISSPELLING_RATIO} times as many articles (see {@link #misspells}).
   */
  private boolean heldMisspelling(
      IndexReader reader, String query, String term, int known, String respelled)
      throws IOException {
    if (known > MAX_MISSPELLING_ARTICLES
        || !isTypo(reader, query, term)
        || !heldAsSlip(reader, term)) {
      return false;
    }
    Matcher r = WORD.matcher(respelled);
    while (r.find()) {
      String other = analyzer.normalize(Schema.SPELL, r.group()).utf8ToString();
      if (other.equals(term) || !EnglishWords.isWord(other)) continue;
      if (reader.docFreq(new Term(Schema.SPELL, other)) >= (long) known * MISSPELLING_RATIO) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code query} holds a word written with a letter outside ASCII (an accent, another
   * script's letter) that the English dictionary does not know with its accents folded: a word of
   * French, Czech or Portuguese, as a news archive's readers type them. English words borrowed
   * with accents ("fiancée", "café", "naïve") are known folded, in lower case (English writes
   * "Népal" as the name Nepal, without its accent), and an apostrophe written as a modifier
   * letter ("Oʼ" in "OʼBrien") is no letter of a word.
   */
  private boolean notEnglish(String query) {
    int read = 0;
    for (String word : NEIGHBOURS.split(query)) {
      // The words respelling reads, and as many more: a pasted page is not read whole.
      if (read++ == 2 * MAX_WORDS) return false;
      if (word.length() > MAX_WORD_CHARS) continue;
      boolean foreign = false;
      for (int i = 0; i < word.length() && !foreign; i++) {
        char c = word.charAt(i);
        foreign =
            c > 0x7F && Character.isLetter(c) && Character.getType(c) != Character.MODIFIER_LETTER;
      }
      if (foreign
          && !EnglishWords.isLowerCaseWord(analyzer.normalize(Schema.SPELL, word).utf8ToString()))
        return true;
    }
    return false;
  }

  /**
   * In how many articles {@code term} (in the vocabulary's analysis) is a word of the title or
   * body, or of a byline or a source's name: a reader types authors' names too ("Hardawar" is in
   * no text, only in the byline of the article it finds), and sites' ("engadget" was shown as
   * "engaged"). An article with it in both counts twice: a bound, used
   * against the few articles a misspelling may be in.
   */
  private static int held(IndexReader reader, String term) throws IOException {
    return reader.docFreq(new Term(Schema.SPELL, term))
        + reader.docFreq(new Term(Schema.AUTHOR_TEXT, term))
        + reader.docFreq(new Term(Schema.SOURCE_TEXT, term));
  }

  /**
   * Whether {@code term}, a word no dictionary knows that a few articles hold, is held as their
   * writers' slip: in the body only, once in each article, of articles in English (or of no
   * stated language). In a news archive the other such words are names, brands and words of
   * other languages, each what a reader means: a word in a title ("Factorio") or a byline
   * ("Hardawar") is what its article is about or by, a word its article repeats ("Enginx" twice)
   * is no slip, and "errou" in a Portuguese article is no English typo of "error". Title and
   * repetition are read from the stemmed fields, so only when the word's stem is its own.
   */
  private boolean heldAsSlip(IndexReader reader, String term) throws IOException {
    if (reader.docFreq(new Term(Schema.AUTHOR_TEXT, term)) > 0) return false;
    if (reader.docFreq(new Term(Schema.SOURCE_TEXT, term)) > 0) return false;
    Term word = new Term(Schema.SPELL, term);
    String stem = stem(term);
    if (stem != null) {
      Term inTitle = new Term(Schema.TITLE, stem);
      Term inBody = new Term(Schema.BODY, stem);
      int known = reader.docFreq(word);
      // Only a stem that is the word's own tells of it: "publically" stems to "public", which
      // titles hold and bodies repeat.
      if (reader.docFreq(inTitle) <= known && reader.docFreq(inBody) <= known) {
        if (reader.docFreq(inTitle) > 0) return false;
        if (reader.totalTermFreq(inBody) > reader.docFreq(inBody)) return false;
      }
    }
    for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
      org.apache.lucene.index.PostingsEnum docs =
          leaf.reader().postings(word, org.apache.lucene.index.PostingsEnum.NONE);
      if (docs == null) continue;
      org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
      org.apache.lucene.index.StoredFields stored = leaf.reader().storedFields();
      for (int doc = docs.nextDoc();
          doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
          doc = docs.nextDoc()) {
        if (live != null && !live.get(doc)) continue;
        String language =
            stored.document(doc, java.util.Set.of(Schema.LANGUAGE)).get(Schema.LANGUAGE);
        if (language != null && !language.equals("en") && !language.startsWith("en-")) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@code term} as the title and body index it (stemmed), or null if it is no word there. */
  private String stem(String term) throws IOException {
    try (org.apache.lucene.analysis.TokenStream tokens = analyzer.tokenStream(Schema.BODY, term)) {
      org.apache.lucene.analysis.tokenattributes.CharTermAttribute text =
          tokens.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
      tokens.reset();
      String first = tokens.incrementToken() ? text.toString() : null;
      while (tokens.incrementToken()) {
        // drained: a stream is ended before it is closed
      }
      tokens.end();
      return first;
    }
  }

  /** Fewest articles a respelling of an English word must be in to replace it. */
  static final int MIN_RESPELLING_ARTICLES = 3;

  /**
   * Whether {@code respelled} holds a word other than {@code term} that is {@code term} with its
   * last letter changed, dropped or one added, or that is in {@link #MIN_RESPELLING_ARTICLES}
   * articles.
   */
  private boolean likelyMeant(IndexReader reader, String term, String respelled)
      throws IOException {
    Matcher r = WORD.matcher(respelled);
    while (r.find()) {
      String other = analyzer.normalize(Schema.SPELL, r.group()).utf8ToString();
      if (other.equals(term)) continue;
      if (Math.abs(other.length() - term.length()) <= 1) {
        int common = 0;
        int shorter = Math.min(other.length(), term.length());
        while (common < shorter && other.charAt(common) == term.charAt(common)) common++;
        if (common >= Math.max(other.length(), term.length()) - 1) return true;
      }
      if (reader.docFreq(new Term(Schema.SPELL, other)) >= MIN_RESPELLING_ARTICLES) return true;
    }
    return false;
  }

  /**
   * The words that find the same as {@code term} by right, not by the stemmer's accident: its
   * {@link #inflections}, and its other spelling or number in {@link WordForms} (British and
   * American, irregular plurals) with theirs.
   */
  static java.util.Set<String> relatives(String term) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>(inflections(term));
    for (String other :
        new String[] {
          WordForms.american(term), WordForms.british(term), WordForms.otherNumber(term)
        }) {
      if (other != null) {
        out.add(other);
        out.addAll(inflections(other));
      }
    }
    out.remove(term);
    return out;
  }

  /**
   * The regular English inflections of the word {@code term} may inflect, and of {@code term}
   * itself, without it: "ferries" gives ferry, ferried, ferrying…; "walked" gives walk, walks,
   * walking…. Derivations ("-ness", "-ment", "-al") are left out: they are what makes a stem
   * shared by different words.
   */
  static java.util.Set<String> inflections(String term) {
    java.util.Set<String> bases = new java.util.LinkedHashSet<>();
    bases.add(term);
    int n = term.length();
    if (term.endsWith("ies") || term.endsWith("ied")) bases.add(term.substring(0, n - 3) + "y");
    if (term.endsWith("es") || term.endsWith("ed") || term.endsWith("er")) {
      bases.add(term.substring(0, n - 2));
      bases.add(term.substring(0, n - 1)); // "liked" → like, "wider" → wide
    }
    if (term.endsWith("s") && !term.endsWith("ss")) bases.add(term.substring(0, n - 1));
    if (term.endsWith("est")) {
      bases.add(term.substring(0, n - 3));
      bases.add(term.substring(0, n - 2));
    }
    if (term.endsWith("ing")) {
      bases.add(term.substring(0, n - 3));
      bases.add(term.substring(0, n - 3) + "e");
    }
    for (String base : List.copyOf(bases)) { // "stopped", "stopping" → stop
      int b = base.length();
      if (b > 3 && base.charAt(b - 1) == base.charAt(b - 2) && !base.equals(term)) {
        bases.add(base.substring(0, b - 1));
      }
    }
    java.util.Set<String> forms = new java.util.LinkedHashSet<>();
    for (String base : bases) {
      if (base.length() < 3) continue;
      forms.add(base);
      for (String ending : new String[] {"s", "es", "ed", "d", "ing", "er", "est"}) {
        forms.add(base + ending);
      }
      String stem = base.substring(0, base.length() - 1);
      if (base.endsWith("y")) {
        forms.add(stem + "ies");
        forms.add(stem + "ied");
      }
      if (base.endsWith("e")) forms.add(stem + "ing");
    }
    forms.remove(term);
    return forms;
  }

  /** Most terms of the vocabulary {@link #startsFarMore} reads. */
  private static final int MAX_STARTED_TERMS = 10_000;

  /**
   * Whether the longer words that {@code word}, as typed, is the start of are in at least {@code
   * ratio} times the articles {@code word} itself is in (their articles summed: an estimate):
   * "nat" (1 Brown text) starts words of hundreds, "isl" and "rig" too; "gas" and "america" start
   * about twice their own, and are finished words.
   */
  boolean startsFarMore(IndexReader reader, String word, int ratio) throws IOException {
    BytesRef prefix = analyzer.normalize(Schema.SPELL, word);
    long itself = Math.max(1, reader.docFreq(new Term(Schema.SPELL, prefix)));
    long started = 0;
    int read = 0;
    for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
      org.apache.lucene.index.Terms terms = leaf.reader().terms(Schema.SPELL);
      if (terms == null) continue;
      org.apache.lucene.index.TermsEnum e = terms.iterator();
      if (e.seekCeil(prefix) == org.apache.lucene.index.TermsEnum.SeekStatus.END) continue;
      for (BytesRef t = e.term();
          t != null && org.apache.lucene.util.StringHelper.startsWith(t, prefix);
          t = e.next()) {
        if (!t.equals(prefix)) started += e.docFreq();
        if (started >= ratio * itself) return true;
        if (++read >= MAX_STARTED_TERMS) return false;
      }
    }
    return false;
  }

  /**
   * Whether some article holds a word that {@code word}, as typed, is the start of and is longer
   * than: "rockef" of "rockefeller", and not "goverment" (whose stem starts "governess").
   */
  boolean startsAWord(IndexReader reader, String word) throws IOException {
    BytesRef prefix = analyzer.normalize(Schema.SPELL, word);
    for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
      org.apache.lucene.index.Terms terms = leaf.reader().terms(Schema.SPELL);
      if (terms == null) continue;
      org.apache.lucene.index.TermsEnum e = terms.iterator();
      if (e.seekCeil(prefix) == org.apache.lucene.index.TermsEnum.SeekStatus.END) continue;
      BytesRef found = e.term();
      if (found.equals(prefix)) {
        found = e.next();
        if (found == null) continue;
      }
      if (org.apache.lucene.util.StringHelper.startsWith(found, prefix)) return true;
    }
    return false;
  }

  /** Whether a word in {@code known} articles is more likely a typo of one in {@code other}. */
  static boolean moreLikelyMeant(int known, int other) {
    return known == 0 ? other > 0 : (long) known * KNOWN_WORD_RATIO <= other;
  }
}
