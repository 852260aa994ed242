package dev.byline.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.hunspell.Dictionary;
import org.apache.lucene.analysis.hunspell.Hunspell;
import org.apache.lucene.analysis.hunspell.SuggestionTimeoutException;
import org.apache.lucene.analysis.hunspell.TimeoutPolicy;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The English language as a dictionary knows it, apart from any archive: whether a word is one,
 * and how a word that is not one may be respelled. "Did you mean" learns spelling from the
 * archive's own words, which cannot tell a typo the stemmer happens to merge with another word
 * ("goverment", stem of "governess") from a real word the archive lacks ("conical"); nor find a
 * right spelling no article holds in that form ("embarass" → "embarrass", held as "embarrassed").
 *
 * <p>The dictionary is Hunspell's en_US (SCOWL word lists, Debian's hunspell-en-us
 * 1:2020.12.07-2; copyright and permission in {@code en_US.COPYRIGHT} beside it), read by
 * Lucene's Hunspell. It is loaded once, on first use (about 0.4 s and a few MB), and is immutable:
 * safe to share between threads.
 */
final class EnglishWords {
  /**
   * Longest a respelling may take; Hunspell's own limit is 250 ms a word. Warm, one takes 6-20 ms
   * (its edits first, then its slower n-gram guesses); the first in a JVM about 80.
   */
  static final long RESPELL_MILLIS = 100;

  private EnglishWords() {}

  /** Loaded on first use, by the JVM's class initialisation (which runs once). */
  private static final class Loaded {
    static final Hunspell HUNSPELL = load();

    private static Hunspell load() {
      try (InputStream aff = EnglishWords.class.getResourceAsStream("en_US.aff");
          InputStream dic = EnglishWords.class.getResourceAsStream("en_US.dic")) {
        if (aff == null || dic == null) throw new IllegalStateException("en_US dictionary missing");
        Dictionary dictionary = new Dictionary(new ByteBuffersDirectory(), "en_US", aff, dic);
        return new Hunspell(dictionary, TimeoutPolicy.RETURN_PARTIAL_RESULT, () -> {});
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (ParseException e) {
        throw new IllegalStateException("en_US dictionary unreadable", e);
      }
    }
  }

  /**
   * Whether {@code word} (lower case, as the spelling field holds it) is an English word: as
   * written, capitalised or in capitals, since a reader types names and acronyms in lower case
   * ("langley", "kennedy", "cia").
   */
  static boolean isWord(String word) {
    if (word.isEmpty()) return false;
    Hunspell hunspell = Loaded.HUNSPELL;
    return hunspell.spell(word)
        || hunspell.spell(word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1))
        || hunspell.spell(word.toUpperCase(Locale.ROOT));
  }

  /**
   * Whether {@code word} (lower case) is an English word written in lower case: a common word, not
   * a name ("nepal" is only a word capitalised).
   */
  static boolean isLowerCaseWord(String word) {
    return !word.isEmpty() && Loaded.HUNSPELL.spell(word);
  }

  /**
   * The dictionary's respellings of a word that is not one, best first, in lower case, single
   * words only (Hunspell also offers "lang ley" for "langley"); at most {@link #RESPELL_MILLIS}
   * of work, so possibly fewer than it would find with more time.
   */
  static List<String> respellings(String word) {
    List<String> found;
    try {
      found = Loaded.HUNSPELL.suggest(word, RESPELL_MILLIS);
    } catch (SuggestionTimeoutException e) {
      found = e.getPartialResult();
    }
    return found.stream()
        .filter(s -> s.chars().allMatch(Character::isLetter))
        .map(s -> s.toLowerCase(Locale.ROOT))
        .distinct()
        .toList();
  }
}
