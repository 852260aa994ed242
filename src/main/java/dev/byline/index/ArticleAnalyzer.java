package dev.byline.index;

import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Analysis of English article text: Unicode word breaks (and each hyphenated word's parts joined
 * as one more token, so that "teenage" finds "teen-age"), possessives dropped, lower case, folded
 * to ASCII (so {@code tubic} finds "Tubić"), and stemming.
 *
 * <p>Stop words are <em>kept</em> in the index, with their positions: a query made only of them
 * ("the who", "to be or not to be", "it") must still find the articles that hold those words, and
 * a phrase such as "dr no" or "will smith" must match as typed. BM25's inverse document frequency
 * already gives "the" next to nothing, and the query side ({@code search.WordsQuery}) decides
 * which words must match. To let it tell them apart, each stop word leaves the analyzer typed
 * {@link #STOP_TYPE}; the type is not indexed.
 *
 * <p>Folding comes before the stop-word check so that an accented stop word is still one.
 */
public final class ArticleAnalyzer extends Analyzer {
  /** The words a query may do without when it has others: Lucene's English stop words. */
  public static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

  /** Token type given to a stop word (see {@link TypeAttribute}). */
  public static final String STOP_TYPE = "<STOP>";

  /**
   * Function words of Snowball's longer English list that are not {@link #STOP_WORDS} ({@code
   * what}, {@code which}, {@code been}, {@code how}, {@code more}…): the scaffolding of a question.
   * Indexed like any word; a long query may do without them.
   */
  public static final CharArraySet FUNCTION_WORDS = functionWords();

  /**
   * Token type of a hyphenated word's parts joined into one ("teen-age" also gives {@code
   * teenage}, after the first part, at its position; see {@link JoinedForms}).
   */
  public static final String JOINED_TYPE = JoinedForms.JOINED_TYPE;

  /** Token type given to a {@link #FUNCTION_WORDS function word}. */
  public static final String FUNCTION_TYPE = "<FUNCTION>";

  private static CharArraySet functionWords() {
    try {
      CharArraySet snowball =
          org.apache.lucene.analysis.WordlistLoader.getSnowballWordSet(
              org.apache.lucene.util.IOUtils.requireResourceNonNull(
                  org.apache.lucene.analysis.snowball.SnowballFilter.class.getResourceAsStream(
                      "english_stop.txt"),
                  "english_stop.txt"));
      CharArraySet out = new CharArraySet(snowball.size(), false);
      for (Object w : snowball) {
        String word = new String((char[]) w);
        if (!STOP_WORDS.contains(word) && word.indexOf('\'') < 0) out.add(word);
      }
      return CharArraySet.unmodifiableSet(out);
    } catch (IOException e) {
      throw new IllegalStateException("Lucene's own Snowball stop list could not be read", e);
    }
  }

  /** How words are reduced to a common form. */
  public enum Stemming {
    /** Names: folded, not stemmed. */
    NONE,
    /** Krovetz: plurals and tenses, a dictionary guarding words of other meanings. */
    KSTEM,
    /**
     * Porter, with {@link #PORTER_EXCEPTIONS}: measured better than KStem on both judged
     * collections ({@code bin/bench relevance}), kept from merging words of different meaning.
     */
    PORTER
  }

  /**
   * Words Porter would merge with words of another meaning, each mapped to one form with its
   * inflections: {@code news} / {@code new}, {@code university} / {@code universe}, {@code
   * organization} / {@code organ}, {@code general} / {@code generation} / {@code generous}, {@code
   * community} / {@code communism}, {@code experience} / {@code experiment}, {@code business} /
   * {@code busy}, {@code cooperate} / {@code cooper} (a name).
   */
  static final StemmerOverrideFilter.StemmerOverrideMap PORTER_EXCEPTIONS =
      exceptions(
          "news=news",
          "university=university",
          "universities=university",
          "universe=universe",
          "universes=universe",
          "organization=organization",
          "organizations=organization",
          "organisation=organization",
          "organisations=organization",
          "general=general",
          "generals=general",
          "generally=general",
          "generation=generation",
          "generations=generation",
          "generous=generous",
          "community=community",
          "communities=community",
          "communism=communism",
          "experience=experience",
          "experiences=experience",
          "experienced=experience",
          "business=business",
          "businesses=business",
          "cooperate=cooperate",
          "cooperates=cooperate",
          "cooperated=cooperate",
          "cooperating=cooperate",
          "cooperation=cooperate",
          "cooperative=cooperate",
          "cooperatives=cooperate",
          "cooperatively=cooperate");

  /**
   * Words Porter would stem into a stop word ({@code ines} → "in", {@code ons} → "on"): left
   * unstemmed, or a quoted name such as "Ines" would match nearly every article. Found by stemming
   * each stop word with the usual suffixes.
   */
  static final CharArraySet INTO_STOP_WORDS = intoStopWords();

  private static CharArraySet intoStopWords() {
    CharArraySet found = new CharArraySet(64, false);
    String[] suffixes = {
      "s", "es", "e", "ed", "ing", "ly", "er", "ers", "ies", "ness", "al", "ion", "ions", "ment",
      "ity"
    };
    try (Analyzer porter =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String field) {
            Tokenizer t = new org.apache.lucene.analysis.core.KeywordTokenizer();
            return new TokenStreamComponents(t, new PorterStemFilter(t));
          }
        }) {
      for (Object word : STOP_WORDS) {
        String stop = new String((char[]) word);
        for (String suffix : suffixes) {
          String form = stop + suffix;
          if (STOP_WORDS.contains(form)) continue;
          try (TokenStream ts = porter.tokenStream("", form)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            if (ts.incrementToken() && STOP_WORDS.contains(term.buffer(), 0, term.length()))
              found.add(form);
            ts.end();
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("analysing a string does no I/O", e);
    }
    return CharArraySet.unmodifiableSet(found);
  }

  private static StemmerOverrideFilter.StemmerOverrideMap exceptions(String... pairs) {
    StemmerOverrideFilter.Builder builder = new StemmerOverrideFilter.Builder(false);
    for (String pair : pairs) {
      String[] kv = pair.split("=", -1);
      builder.add(kv[0], kv[1]);
    }
    try {
      return builder.build();
    } catch (IOException e) {
      throw new IllegalStateException("building a map in memory does no I/O", e);
    }
  }

  private final Stemming stemming;

  /** @param stemming how to stem; names (authors) are folded but not stemmed */
  public ArticleAnalyzer(Stemming stemming) {
    this.stemming = stemming;
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer source = new StandardTokenizer();
    JoinedForms.Text text = new JoinedForms.Text();
    TokenStream result = new EnglishPossessiveFilter(new JoinedForms(source, text));
    result = new LowerCaseFilter(result);
    result = new ASCIIFoldingFilter(result);
    result = new InvisibleMarks(result, text);
    result = new StopWordMarker(result);
    result =
        switch (stemming) {
          case NONE -> result;
          case KSTEM -> new KStemFilter(result);
          case PORTER ->
              new PorterStemFilter(
                  new SetKeywordMarkerFilter(
                      new StemmerOverrideFilter(result, PORTER_EXCEPTIONS), INTO_STOP_WORDS));
        };
    // The text is read whole first, for JoinedForms to look between and after the words.
    return new TokenStreamComponents(reader -> source.setReader(text.read(reader)), result);
  }

  /** What prefix, wildcard and fuzzy terms go through: case and accents only, never stemming. */
  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new InvisibleMarks(new ASCIIFoldingFilter(new LowerCaseFilter(in)), null);
  }

  /**
   * Removes what folding leaves of a word typed in decomposed form (a letter and a combining
   * accent, U+0300–U+036F, as text pasted from macOS often is: "cafe\u0301") and soft hyphens
   * (U+00AD), which never show: without it "café" typed so found nothing.
   */
  private static final class InvisibleMarks extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final JoinedForms.Text text;

    /** @param text the text being analysed, to skip the words of one without marks; or null */
    InvisibleMarks(TokenStream in, JoinedForms.Text text) {
      super(in);
      this.text = text;
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) return false;
      if (text != null && !text.hasMarks()) return true;
      char[] buffer = term.buffer();
      int length = term.length();
      int kept = 0;
      for (int i = 0; i < length; i++) {
        char c = buffer[i];
        if (c == '\u00AD' || (c >= '\u0300' && c <= '\u036F')) continue;
        buffer[kept++] = c;
      }
      if (kept == 0) kept = length; // a word of marks alone stays as it was
      term.setLength(kept);
      return true;
    }
  }

  /** The standard tokenizer's type for an emoji (a pictograph, a flag, a heart). */
  private static final String EMOJI_TYPE = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.EMOJI];

  /**
   * Types each stop word {@link #STOP_TYPE}, and each emoji: a query does not need it when it has
   * words ("vision pro 🥽" found its article only by dropping to any word, as "🍕 houston
   * restaurants" did), and a query of emoji alone searches them. Removes nothing.
   */
  private static final class StopWordMarker extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);

    StopWordMarker(TokenStream in) {
      super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) return false;
      if (STOP_WORDS.contains(term.buffer(), 0, term.length()) || EMOJI_TYPE.equals(type.type()))
        type.setType(STOP_TYPE);
      else if (FUNCTION_WORDS.contains(term.buffer(), 0, term.length()))
        type.setType(FUNCTION_TYPE);
      return true;
    }
  }
}
