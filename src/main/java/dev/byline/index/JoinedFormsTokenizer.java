package dev.byline.index;

import java.io.IOException;
import java.io.StringReader;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Lucene's {@link StandardTokenizer} (Unicode word breaks), plus one more token for a word people
 * write in two ways, in the form without its punctuation:
 *
 * <ul>
 *   <li>a hyphenated word, its parts joined: "teen-age" gives {@code teen}, {@code age} and {@code
 *       teenage}. Writers hyphenate as they please (the Brown Corpus has "teen-age" 20 times and
 *       "teenage" 11, "X-ray" and no "xray", "week-end" and "weekend"), and the standard tokenizer
 *       alone left a reader typing "teenage" without the articles that wrote "teen-age". Solr's
 *       {@code WordDelimiterGraphFilter} with {@code catenateWords} does this after a whitespace
 *       tokenizer; here the standard tokenizer's word breaks stay as they were. Only words of
 *       {@link #MAX_PARTS} parts or fewer, each of letters only, joined by exactly one hyphen
 *       ({@code -}, U+2010 or U+2011; not a dash): "covid-19", "1990-2000" and "Paris–London" are
 *       not joined;
 *   <li>an acronym written with dots, closed up ("F.B.I." also as {@code fbi});
 *   <li>a contraction or name with an apostrophe, closed up ("don't" also as {@code dont},
 *       "O'Brien" as {@code obrien}), where that is not another word (see {@link #closeUp}).
 * </ul>
 *
 * <p>The extra token is typed {@link #JOINED_TYPE} and comes right after the word (a hyphenated
 * word's first part), at its position (a position increment of 0), with the offsets of the whole
 * written word: a query reads it as an alternative to the words inside those offsets (see {@code
 * search.WordsQuery}).
 */
final class JoinedFormsTokenizer extends Tokenizer {
  /** Token type of the extra form of a word: hyphenated parts joined, or dots and apostrophes left out. */
  static final String JOINED_TYPE = "<JOINED>";

  /** Most parts a joined word has ("state-of-the-art"); longer chains are left as parts. */
  static final int MAX_PARTS = 4;

  /** Longest joined token: the standard tokenizer's own longest token. */
  private static final int MAX_JOINED_CHARS =
      org.apache.lucene.analysis.standard.StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH;

  private final StandardTokenizer words = new StandardTokenizer();
  private final CharTermAttribute wordTerm = words.getAttribute(CharTermAttribute.class);
  private final OffsetAttribute wordOffset = words.getAttribute(OffsetAttribute.class);
  private final PositionIncrementAttribute wordIncrement =
      words.getAttribute(PositionIncrementAttribute.class);
  private final TypeAttribute wordType = words.getAttribute(TypeAttribute.class);

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final PositionIncrementAttribute increment =
      addAttribute(PositionIncrementAttribute.class);
  private final TypeAttribute type = addAttribute(TypeAttribute.class);

  /** The text being tokenized: read whole, to see the characters between the words. */
  private String text = "";

  /** The joined token to give next, if {@link #pending}. */
  private final StringBuilder joined = new StringBuilder();

  private int joinedStart;
  private int joinedEnd;
  private boolean pending;

  @Override
  public boolean incrementToken() throws IOException {
    clearAttributes();
    if (pending) {
      pending = false;
      term.setEmpty().append(joined);
      offset.setOffset(correctOffset(joinedStart), correctOffset(joinedEnd));
      increment.setPositionIncrement(0);
      type.setType(JOINED_TYPE);
      return true;
    }
    if (!words.incrementToken()) return false;
    int start = wordOffset.startOffset();
    int end = wordOffset.endOffset();
    term.copyBuffer(wordTerm.buffer(), 0, wordTerm.length());
    offset.setOffset(correctOffset(start), correctOffset(end));
    increment.setPositionIncrement(wordIncrement.getPositionIncrement());
    type.setType(wordType.type());
    if (allLetters(start, end)) hyphenated(start, end);
    else closeUp(start, end);
    return true;
  }

  /**
   * When the word of letters just read is the first part of a hyphenated word, its parts joined
   * are the next token: at the first part's position, since offsets may not go backwards.
   */
  private void hyphenated(int start, int end) {
    if (hyphen(start - 1) && start >= 2 && letter(start - 2)) return; // a later part
    int at = end;
    int parts = 1;
    StringBuilder chain = null;
    while (at + 1 < text.length() && hyphen(at) && letter(at + 1)) {
      if (chain == null) chain = new StringBuilder().append(text, start, end);
      int partEnd = at + 1;
      while (partEnd < text.length() && letter(partEnd))
        partEnd += Character.charCount(text.codePointAt(partEnd));
      chain.append(text, at + 1, partEnd);
      parts++;
      at = partEnd;
    }
    if (parts >= 2 && parts <= MAX_PARTS && chain.length() <= MAX_JOINED_CHARS)
      give(chain, start, at);
  }

  /**
   * A word with dots or apostrophes inside also gives the word without them: an acronym written
   * with dots ("F.B.I." as {@code fbi}, "U.N." as {@code un}) and a contraction or a name with an
   * apostrophe ("don't" as {@code dont}, "O'Brien" as {@code obrien}), as people type them. Not
   * when that is a stop or function word ("U.S." is not {@code us}, "a.m." not {@code am}), nor
   * for contractions that would become other words ("she'll" is not {@code shell}, "we'd" not
   * {@code wed}); possessives are the possessive filter's.
   */
  private void closeUp(int start, int end) {
    int dots = 0;
    int apostrophes = 0;
    int segment = 0; // letters since the last dot or apostrophe
    boolean longSegment = false;
    StringBuilder closed = new StringBuilder(end - start);
    for (int i = start; i < end; ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '.') {
        dots++;
        longSegment |= segment != 1;
        segment = 0;
      } else if (c == '\'' || c == '\u2019') {
        apostrophes++;
        segment = 0;
      } else if (Character.isLetter(c)) {
        segment++;
        closed.appendCodePoint(c);
      } else {
        return;
      }
    }
    if (dots > 0 && (apostrophes > 0 || longSegment || segment != 1)) return;
    if (dots == 0 && (apostrophes == 0 || contraction(start, end))) return;
    String lower = closed.toString().toLowerCase(java.util.Locale.ROOT);
    if (ArticleAnalyzer.STOP_WORDS.contains(lower)
        || ArticleAnalyzer.FUNCTION_WORDS.contains(lower)) return;
    give(closed, start, end);
  }

  /** Endings of contractions whose letters closed up would be another word, and possessives. */
  private static final java.util.List<String> KEPT_ENDINGS =
      java.util.List.of("ll", "re", "ve", "d", "m", "s");

  private boolean contraction(int start, int end) {
    int last = Math.max(text.lastIndexOf('\'', end - 1), text.lastIndexOf('\u2019', end - 1));
    if (last < start) return false;
    String ending = text.substring(last + 1, end).toLowerCase(java.util.Locale.ROOT);
    return KEPT_ENDINGS.contains(ending);
  }

  private void give(CharSequence form, int start, int end) {
    joined.setLength(0);
    joined.append(form);
    joinedStart = start;
    joinedEnd = end;
    pending = true;
  }

  private boolean allLetters(int start, int end) {
    if (start < 0 || end > text.length() || start >= end) return false;
    for (int i = start; i < end; ) {
      int c = text.codePointAt(i);
      if (!Character.isLetter(c)) return false;
      i += Character.charCount(c);
    }
    return true;
  }

  private boolean hyphen(int at) {
    if (at < 0 || at >= text.length()) return false;
    char c = text.charAt(at);
    return c == '-' || c == '\u2010' || c == '\u2011';
  }

  private boolean letter(int at) {
    return at < text.length() && Character.isLetter(text.codePointAt(at));
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    StringBuilder all = new StringBuilder();
    char[] buffer = new char[8192];
    for (int n; (n = input.read(buffer)) > 0; ) all.append(buffer, 0, n);
    text = all.toString();
    words.setReader(new StringReader(text));
    words.reset();
    pending = false;
  }

  @Override
  public void end() throws IOException {
    super.end();
    words.end();
    int last = correctOffset(wordOffset.endOffset());
    offset.setOffset(last, last);
    increment.setPositionIncrement(wordIncrement.getPositionIncrement());
  }

  @Override
  public void close() throws IOException {
    super.close();
    words.close();
    text = "";
  }
}
