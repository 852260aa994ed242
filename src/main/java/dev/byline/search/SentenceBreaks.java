package dev.byline.search;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;
import java.util.Arrays;

/**
 * Sentence boundaries for snippets, found in one pass over the text when it is set and then looked
 * up by binary search. It exists for speed: the JDK's rule-based sentence iterator walks its state
 * machine through a {@link CharacterIterator} again for every match the highlighter places, and
 * that was half of a search's CPU time with snippets on (the outside bench, issue 15).
 *
 * <p>The rules are the ones a snippet needs, close to the JDK's English sentence rules: a sentence
 * ends after {@code .}, {@code !} or {@code ?} (a run of them, then any closing quotes or
 * brackets) when white space follows and the next word does not start in lower case ("e.g. this"
 * and "3.5" do not end one); after a full-width or ideographic terminator ({@code 。！？}) with or
 * without space; and after a line or paragraph break. The boundary is placed where the next
 * sentence starts, after the space, as the JDK places it.
 *
 * <p>Positions are those of the {@link CharacterIterator} given to {@link #setText}, whose begin
 * index need not be 0. Not thread-safe: one instance per highlighting pass, like every {@link
 * BreakIterator}.
 */
final class SentenceBreaks extends BreakIterator {
  private CharacterIterator text = new StringCharacterIterator("");

  /** Boundaries in increasing order, the text's begin and end included. */
  private int[] boundaries = {0};

  private int count = 1;
  private int index;

  @Override
  public void setText(CharacterIterator newText) {
    text = newText;
    int begin = newText.getBeginIndex();
    int end = newText.getEndIndex();
    char[] chars = new char[end - begin];
    int i = 0;
    for (char c = newText.first(); c != CharacterIterator.DONE; c = newText.next()) chars[i++] = c;
    newText.first();
    find(chars, begin);
    index = 0;
  }

  @Override
  public void setText(String newText) {
    text = new StringCharacterIterator(newText);
    find(newText.toCharArray(), 0);
    index = 0;
  }

  private void find(char[] chars, int begin) {
    int[] found = new int[16];
    int n = 0;
    found[n++] = begin;
    int length = chars.length;
    int i = 0;
    while (i < length) {
      char c = chars[i];
      if (!mayEnd(c)) { // most characters: one table look-up
        i++;
        continue;
      }
      int boundary = -1;
      if (isLineBreak(c)) {
        int j = i + 1;
        while (j < length && (isLineBreak(chars[j]) || Character.isWhitespace(chars[j]))) j++;
        boundary = j;
      } else if (isWideTerminator(c) || isTerminator(c)) {
        boolean wide = isWideTerminator(c);
        boolean fullStopsOnly = c == '.';
        int j = i + 1;
        while (j < length && (isTerminator(chars[j]) || isWideTerminator(chars[j]))) {
          wide |= isWideTerminator(chars[j]);
          fullStopsOnly &= chars[j] == '.';
          j++;
        }
        while (j < length && isCloser(chars[j])) j++;
        int afterPunctuation = j;
        while (j < length && Character.isWhitespace(chars[j]) && !isLineBreak(chars[j])) j++;
        if (j < length && isLineBreak(chars[j])) {
          i = j; // the line break ends the sentence: handled as one
          continue;
        }
        boolean spaced = j > afterPunctuation;
        if (j >= length) {
          boundary = length;
        } else if (wide || (spaced && startsSentence(chars[j], fullStopsOnly))) {
          boundary = j;
        } else {
          i = Math.max(i + 1, afterPunctuation);
          continue;
        }
      }
      if (boundary < 0) {
        i++;
        continue;
      }
      if (boundary > 0 && boundary < length && begin + boundary > found[n - 1]) {
        if (n == found.length) found = Arrays.copyOf(found, n * 2);
        found[n++] = begin + boundary;
      }
      i = Math.max(boundary, i + 1);
    }
    if (length > 0) {
      if (n == found.length) found = Arrays.copyOf(found, n + 1);
      found[n++] = begin + length;
    }
    boundaries = splitLong(found, n, chars, begin);
    count = boundaries.length;
  }

  /**
   * Longest stretch between two boundaries: a text with no sentence end (a list run together, a
   * page's text without punctuation) is cut at the last space before this many characters, or at
   * this many when there is none, so that a snippet is never one 200,000-character "sentence"
   * (fuzzed from outside: a 300 KB body without a full stop gave a 200,013-character snippet).
   */
  static final int MAX_SENTENCE_CHARS = 400;

  /** {@code found}'s first {@code n} boundaries, with a cut in every stretch that is too long. */
  private static int[] splitLong(int[] found, int n, char[] chars, int begin) {
    int[] out = new int[n];
    int m = 0;
    for (int k = 0; k < n; k++) {
      if (k > 0) {
        int from = out[m - 1];
        while (found[k] - from > MAX_SENTENCE_CHARS) {
          int cut = cutBefore(chars, from - begin, from - begin + MAX_SENTENCE_CHARS) + begin;
          if (m == out.length) out = Arrays.copyOf(out, m * 2 + 1);
          out[m++] = cut;
          from = cut;
        }
      }
      if (m == out.length) out = Arrays.copyOf(out, m * 2 + 1);
      out[m++] = found[k];
    }
    return m == out.length ? out : Arrays.copyOf(out, m);
  }

  /**
   * Where to cut the text between {@code from} and {@code limit} (indexes into {@code chars}): after
   * the last white space in its second half, else at {@code limit}, never between the two halves
   * of a surrogate pair. Always after {@code from}.
   */
  private static int cutBefore(char[] chars, int from, int limit) {
    for (int j = limit - 1; j > from + (limit - from) / 2; j--) {
      if (Character.isWhitespace(chars[j])) return j + 1;
    }
    int cut = limit;
    if (Character.isLowSurrogate(chars[cut]) && Character.isHighSurrogate(chars[cut - 1])) cut--;
    return cut;
  }

  /** ASCII characters that may end a sentence: terminators and line breaks. */
  private static final boolean[] ASCII_ENDS = new boolean[128];

  static {
    for (char c : new char[] {'.', '!', '?', '\n', '\r'}) ASCII_ENDS[c] = true;
  }

  /** Whether {@code c} may end a sentence: a terminator or a line break, of any width. */
  private static boolean mayEnd(char c) {
    return c < 128 ? ASCII_ENDS[c] : isWideTerminator(c) || isLineBreak(c);
  }

  /**
   * Whether a character after a terminator and a space starts a new sentence: not a lower-case
   * letter ("e.g. this"), and after full stops alone not a digit either ("No. 5", "p. 3").
   */
  private static boolean startsSentence(char next, boolean afterFullStops) {
    return !Character.isLowerCase(next) && !(afterFullStops && Character.isDigit(next));
  }

  private static boolean isTerminator(char c) {
    return c == '.' || c == '!' || c == '?';
  }

  private static boolean isWideTerminator(char c) {
    return c == '\u3002' || c == '\uFF01' || c == '\uFF1F' || c == '\uFF61';
  }

  private static boolean isCloser(char c) {
    return switch (c) {
      case '"', '\'', ')', ']', '}', '\u2019', '\u201D', '\u00BB', '\u300D', '\u300F', '\uFF09' ->
          true;
      default -> false;
    };
  }

  private static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085';
  }

  @Override
  public CharacterIterator getText() {
    return text;
  }

  @Override
  public int first() {
    index = 0;
    return boundaries[0];
  }

  @Override
  public int last() {
    index = count - 1;
    return boundaries[index];
  }

  @Override
  public int next(int n) {
    int target = index + n;
    if (target < 0 || target >= count) {
      index = target < 0 ? 0 : count - 1;
      return DONE;
    }
    index = target;
    return boundaries[index];
  }

  @Override
  public int next() {
    if (index + 1 >= count) return DONE;
    return boundaries[++index];
  }

  @Override
  public int previous() {
    if (index == 0) return DONE;
    return boundaries[--index];
  }

  @Override
  public int following(int offset) {
    checkOffset(offset);
    int at = Arrays.binarySearch(boundaries, 0, count, offset);
    int next = at >= 0 ? at + 1 : -at - 1;
    if (next >= count) {
      index = count - 1;
      return DONE;
    }
    index = next;
    return boundaries[index];
  }

  @Override
  public int preceding(int offset) {
    checkOffset(offset);
    int at = Arrays.binarySearch(boundaries, 0, count, offset);
    int previous = at >= 0 ? at - 1 : -at - 2;
    if (previous < 0) {
      index = 0;
      return DONE;
    }
    index = previous;
    return boundaries[index];
  }

  @Override
  public boolean isBoundary(int offset) {
    checkOffset(offset);
    int at = Arrays.binarySearch(boundaries, 0, count, offset);
    if (at >= 0) {
      index = at;
      return true;
    }
    following(offset);
    return false;
  }

  @Override
  public int current() {
    return boundaries[index];
  }

  private void checkOffset(int offset) {
    if (offset < text.getBeginIndex() || offset > text.getEndIndex()) {
      throw new IllegalArgumentException(
          "offset out of bounds: "
              + offset
              + " (text "
              + text.getBeginIndex()
              + "-"
              + text.getEndIndex()
              + ")");
    }
  }

  @Override
  public Object clone() {
    SentenceBreaks copy = (SentenceBreaks) super.clone();
    copy.text = (CharacterIterator) text.clone();
    copy.boundaries = boundaries.clone();
    return copy;
  }
}
