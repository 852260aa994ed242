package dev.byline.index;

import java.io.CharArrayReader;
import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * After Lucene's {@link StandardTokenizer} (Unicode word breaks): one more token for a word people
 * write in two ways, in the form without its punctuation:
 *
 * <ul>
 *   <li>a hyphenated word, its parts joined: "teen-age" gives {@code teen}, {@code age} and {@code
 *       teenage}. Writers hyphenate as they please (the Brown Corpus has "teen-age" 20 times and
 *       "teenage" 11, "X-ray" and no "xray", "week-end" and "weekend"), and the standard tokenizer
 *       alone left a reader typing "teenage" without the articles that wrote "teen-age". Solr's
 *       {@code WordDelimiterGraphFilter} with {@code catenateWords} does this after a whitespace
 *       tokenizer; here the standard tokenizer's word breaks stay as they were. Only words of
 *       {@link #MAX_PARTS} parts or fewer, each of letters or digits, with a letter somewhere,
 *       joined by exactly one hyphen ({@code -}, U+2010 or U+2011; not a dash): "B-52" gives
 *       {@code b52} and "4-H" {@code 4h}, but "1990-2000" and "Paris–London" are not joined;
 *   <li>an acronym written with dots, closed up ("F.B.I." also as {@code fbi});
 *   <li>a contraction or name with an apostrophe, closed up ("don't" also as {@code dont},
 *       "O'Brien" as {@code obrien}), where that is not another word (see {@link #closeUp});
 *   <li>a word after an elided article of French, Italian or Catalan, alone ("l'Assemblée" also as
 *       {@code assemblée}, "dell'Italia" as {@code italia}): the standard tokenizer keeps the
 *       article on, so "assemblée" typed found nothing in French articles (Lucene's {@code
 *       ElisionFilter} replaces the word; here the word as written stays, and so does its
 *       closed-up form, for names: "D'Angelo" as {@code angelo} and {@code dangelo});
 *   <li>a name with a dot before a short lower-case ending, closed up ("Node.js" as {@code
 *       nodejs}, "ASP.NET" is not: see {@link #dottedName});
 *   <li>a programming language's name of one letter and {@code ++} or {@code #} ("C++" also as
 *       {@code c++}, "C#" as {@code c#}): the tokenizer drops the signs, and "C++" was the
 *       letter c.
 * </ul>
 *
 * <p>The extra token is typed {@link #JOINED_TYPE} and comes right after the word (a hyphenated
 * word's first part), at its position (a position increment of 0), with the offsets of the whole
 * written word: a query reads it as an alternative to the words inside those offsets (see {@code
 * search.WordsQuery}).
 */
final class JoinedForms extends TokenFilter {
  /** Token type of the extra form of a word: hyphenated parts joined, or dots and apostrophes left out. */
  static final String JOINED_TYPE = "<JOINED>";

  /** Most parts a joined word has ("state-of-the-art"); longer chains are left as parts. */
  static final int MAX_PARTS = 4;

  /** Longest joined token: the standard tokenizer's own longest token. */
  private static final int MAX_JOINED_CHARS =
      org.apache.lucene.analysis.standard.StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH;

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final PositionIncrementAttribute increment =
      addAttribute(PositionIncrementAttribute.class);
  private final TypeAttribute type = addAttribute(TypeAttribute.class);

  private final Text source;

  /** The joined token to give next, if {@link #pending}. */
  private final StringBuilder joined = new StringBuilder();

  /** A second form of the same word, given after {@link #joined} (an elided word's closed-up form). */
  private final StringBuilder second = new StringBuilder();

  private int joinedStart;
  private int joinedEnd;
  private boolean pending;
  private boolean pendingSecond;

  /**
   * Articles elided before a vowel in French, Italian and Catalan: Lucene's defaults for its
   * French, Italian and Catalan {@code ElisionFilter}s together. "O'" is none of them.
   */
  private static final java.util.Set<String> ELIDED =
      java.util.Set.of(
          "c", "l", "m", "t", "s", "v", "d", "n", "j", "qu", "jusqu", "quoiqu", "lorsqu", "puisqu",
          "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl",
          "negl", "sugl", "un");

  /** Endings after a dot that are a web address's, not a name's: "nytimes.com" is no word. */
  private static final java.util.Set<String> ADDRESS_ENDINGS =
      java.util.Set.of("com", "org", "gov", "edu", "co", "uk", "www");

  /**
   * @param words the standard tokenizer, reading the text {@code source} read
   * @param source the text being tokenized, whole (see {@link Text})
   */
  JoinedForms(StandardTokenizer words, Text source) {
    super(words);
    this.source = source;
  }

  /**
   * The text a field's tokens come from, read whole before the tokenizer reads it, so that the
   * characters between and after words can be looked at; one per analysis chain, reused. Its
   * offsets are the tokens' offsets: the chain has no character filter before the tokenizer.
   */
  static final class Text implements CharSequence {
    /** Largest buffer kept between texts (an article of 64 K characters). */
    private static final int KEPT_CHARS = 1 << 16;

    private char[] chars = new char[1024];
    private int length;
    private boolean marks;

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int at) {
      return chars[at];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new String(chars, start, end - start);
    }

    /** Whether the text holds a combining accent (U+0300–U+036F) or a soft hyphen. */
    boolean hasMarks() {
      return marks;
    }

    int codePointAt(int at) {
      return Character.codePointAt(chars, at, length);
    }

    /** The last {@code c} in {@code [start, end)}, or -1: never looks outside the word. */
    int lastIndexOf(char c, int start, int end) {
      for (int i = Math.min(end, length) - 1; i >= start; i--) if (chars[i] == c) return i;
      return -1;
    }

    /** Lets go of a buffer grown for a long text, so that no thread keeps one for good. */
    void release() {
      if (chars.length > KEPT_CHARS) chars = new char[1024];
      length = 0;
    }

    /** Reads {@code reader} to its end and gives the tokenizer what it read. */
    Reader read(Reader reader) {
      length = 0;
      try {
        for (int n; (n = reader.read(chars, length, chars.length - length)) > 0; ) {
          length += n;
          if (length == chars.length) chars = java.util.Arrays.copyOf(chars, chars.length * 2);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      marks = false;
      for (int i = 0; i < length && !marks; i++) {
        char c = chars[i];
        marks = c == '\u00AD' || (c >= '\u0300' && c <= '\u036F');
      }
      return new CharArrayReader(chars, 0, length);
    }
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (pending || pendingSecond) {
      StringBuilder form = pending ? joined : second;
      if (pending) pending = false;
      else pendingSecond = false;
      clearAttributes();
      term.setEmpty().append(form);
      offset.setOffset(joinedStart, joinedEnd);
      increment.setPositionIncrement(0);
      type.setType(JOINED_TYPE);
      return true;
    }
    if (!input.incrementToken()) return false;
    int start = offset.startOffset();
    int end = offset.endOffset();
    // Cheap tests first: this runs for every word of every article.
    if (hyphen(end)) {
      if (allWordChars(start, end)) hyphenated(start, end);
    } else if (punctuated()) {
      closeUp(start, end);
    } else if (end - start == 1 && end < source.length()) {
      languageName(start, end);
    }
    return true;
  }

  /** "C++", "C#", "F#": a letter and the signs after it, as one more token. */
  private void languageName(int start, int end) {
    char c = source.charAt(end);
    int signs =
        c == '#'
            ? 1
            : c == '+' && end + 1 < source.length() && source.charAt(end + 1) == '+' ? 2 : 0;
    if (signs == 0 || !Character.isLetter(source.charAt(start))) return;
    int after = end + signs;
    if (after < source.length()
        && (Character.isLetterOrDigit(source.codePointAt(after))
            || source.charAt(after) == '+'
            || source.charAt(after) == '#')) return;
    if (start > 0
        && (Character.isLetterOrDigit(source.charAt(start - 1)) || source.charAt(start - 1) == '#'))
      return;
    give(source.subSequence(start, after), start, after);
  }

  /** Whether the word just read holds a dot or an apostrophe. */
  private boolean punctuated() {
    char[] buffer = term.buffer();
    for (int i = term.length() - 1; i > 0; i--) {
      char c = buffer[i];
      if (c == '.' || c == '\'' || c == '\u2019') return true;
    }
    return false;
  }

  /**
   * When the word of letters just read is the first part of a hyphenated word, its parts joined
   * are the next token: at the first part's position, since offsets may not go backwards.
   */
  private void hyphenated(int start, int end) {
    if (hyphen(start - 1) && start >= 2 && wordChar(start - 2)) return; // a later part
    int at = end;
    int parts = 1;
    StringBuilder chain = null;
    // Read no further than one part too many: a text of a million "a-" is one long chain.
    while (parts <= MAX_PARTS && at + 1 < source.length() && hyphen(at) && wordChar(at + 1)) {
      if (chain == null) chain = new StringBuilder().append(source, start, end);
      int partEnd = at + 1;
      while (partEnd < source.length() && wordChar(partEnd))
        partEnd += Character.charCount(source.codePointAt(partEnd));
      chain.append(source, at + 1, partEnd);
      parts++;
      at = partEnd;
    }
    // Numbers alone ("1990-2000", a phone number) are not a word written two ways.
    if (parts >= 2
        && parts <= MAX_PARTS
        && chain.length() <= MAX_JOINED_CHARS
        && chain.chars().anyMatch(Character::isLetter)) give(chain, start, at);
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
      int c = source.codePointAt(i);
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
    if (dots == 0 && apostrophes == 1 && elided(start, end, closed)) return;
    if (dots == 1 && apostrophes == 0 && dottedName(start, end, segment)) {
      give(closed, start, end);
      return;
    }
    if (dots > 0 && (apostrophes > 0 || longSegment || segment != 1)) return;
    if (dots == 0 && (apostrophes == 0 || contraction(start, end))) return;
    String lower = closed.toString().toLowerCase(java.util.Locale.ROOT);
    if (ArticleAnalyzer.STOP_WORDS.contains(lower)
        || ArticleAnalyzer.FUNCTION_WORDS.contains(lower)) return;
    give(closed, start, end);
  }

  /**
   * Whether the word just read (one apostrophe, letters) is an elided article and a word of two
   * letters or more: then that word is the next token, and the word closed up ({@code closed})
   * the one after it, unless that is a stop or function word.
   */
  private boolean elided(int start, int end, StringBuilder closed) {
    int apostrophe =
        Math.max(source.lastIndexOf('\'', start, end), source.lastIndexOf('\u2019', start, end));
    if (apostrophe <= start || end - apostrophe - 1 < 2) return false;
    String article =
        source.subSequence(start, apostrophe).toString().toLowerCase(java.util.Locale.ROOT);
    if (!ELIDED.contains(article)) return false;
    give(source.subSequence(apostrophe + 1, end), start, end);
    String lower = closed.toString().toLowerCase(java.util.Locale.ROOT);
    if (!ArticleAnalyzer.STOP_WORDS.contains(lower)
        && !ArticleAnalyzer.FUNCTION_WORDS.contains(lower)) {
      second.setLength(0);
      second.append(closed);
      pendingSecond = true;
    }
    return true;
  }

  /**
   * Whether the word just read (one dot, letters, the last {@code lastSegment} letters after it)
   * is a name written with a dot before a short ending in lower case, as software is ("Node.js",
   * "Vue.js", "socket.io"): an ending of two or three letters, not a web address's, not a stop or
   * function word (a full stop without its space, "said.the", is not a name).
   */
  private boolean dottedName(int start, int end, int lastSegment) {
    if (lastSegment < 2 || lastSegment > 3) return false;
    int dot = source.lastIndexOf('.', start, end);
    if (dot - start < 2) return false;
    for (int i = dot + 1; i < end; i++) if (!Character.isLowerCase(source.charAt(i))) return false;
    String ending = source.subSequence(dot + 1, end).toString();
    return !ADDRESS_ENDINGS.contains(ending)
        && !ArticleAnalyzer.STOP_WORDS.contains(ending)
        && !ArticleAnalyzer.FUNCTION_WORDS.contains(ending);
  }

  /** Endings of contractions whose letters closed up would be another word, and possessives. */
  private static final java.util.List<String> KEPT_ENDINGS =
      java.util.List.of("ll", "re", "ve", "d", "m", "s");

  private boolean contraction(int start, int end) {
    int last =
        Math.max(source.lastIndexOf('\'', start, end), source.lastIndexOf('\u2019', start, end));
    if (last < start) return false;
    String ending = source.subSequence(last + 1, end).toString().toLowerCase(java.util.Locale.ROOT);
    return KEPT_ENDINGS.contains(ending);
  }

  private void give(CharSequence form, int start, int end) {
    joined.setLength(0);
    joined.append(form);
    joinedStart = start;
    joinedEnd = end;
    pending = true;
  }

  private boolean allWordChars(int start, int end) {
    if (start < 0 || end > source.length() || start >= end) return false;
    for (int i = start; i < end; ) {
      int c = source.codePointAt(i);
      if (!Character.isLetterOrDigit(c)) return false;
      i += Character.charCount(c);
    }
    return true;
  }

  private boolean hyphen(int at) {
    if (at < 0 || at >= source.length()) return false;
    char c = source.charAt(at);
    return c == '-' || c == '\u2010' || c == '\u2011';
  }

  private boolean wordChar(int at) {
    return at < source.length() && Character.isLetterOrDigit(source.codePointAt(at));
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending = false;
    pendingSecond = false;
  }

  @Override
  public void close() throws IOException {
    super.close();
    source.release();
  }
}
