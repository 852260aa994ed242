package dev.byline.story;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What an article's body is compared by to find its near-duplicates. Immutable.
 *
 * <ul>
 *   <li>{@link #bodyHash}: a hash of the body's words, lower-cased, without punctuation or
 *       spacing, so that copies differing only in those are exact copies.
 *   <li>The set of its {@link #SHINGLE_WORDS}-word shingles (each hashed to 64 bits): {@link
 *       #containment} compares two articles exactly on them.
 *   <li>{@link #bandKeys}: {@link #BANDS} locality-sensitive hash keys, each of {@link #ROWS}
 *       MinHash values over the shingles. Two bodies whose shingle sets have Jaccard similarity
 *       {@code j} share at least one key with probability {@code 1 - (1 - j^ROWS)^BANDS}: 0.94 at
 *       j = 0.4, 0.996 at 0.5, 0.1 at 0.1 (so unrelated articles rarely become candidates).
 * </ul>
 *
 * <p>Signatures depend only on the body (a syndicated copy often has a new headline). The hash
 * functions are fixed: a key indexed today must match one computed by a later Byline, or stories
 * would silently stop joining; changing them needs a schema version bump.
 */
public final class StorySignature {
  /** Words per shingle: 3 tells a copy from an article on the same topic with the same names. */
  public static final int SHINGLE_WORDS = 3;

  public static final int BANDS = 42;
  public static final int ROWS = 3;

  private static final long[] MULTIPLIERS = new long[BANDS * ROWS];
  private static final long[] ADDENDS = new long[BANDS * ROWS];

  static {
    SplittableRandom random = new SplittableRandom(0x5107_1e5L); // fixed: see the class comment
    for (int i = 0; i < MULTIPLIERS.length; i++) {
      MULTIPLIERS[i] = random.nextLong() | 1L;
      ADDENDS[i] = random.nextLong();
    }
  }

  private final String bodyHash;
  private final long[] shingles; // sorted, distinct
  private final List<String> bandKeys;

  private StorySignature(String bodyHash, long[] shingles, List<String> bandKeys) {
    this.bodyHash = bodyHash;
    this.shingles = shingles;
    this.bandKeys = bandKeys;
  }

  /** The signature of an article with this body. */
  public static StorySignature of(String body) {
    List<String> words = words(body);
    long[] shingles = shingles(words);
    return new StorySignature(hash(words), shingles, bands(shingles));
  }

  /**
   * The shingles of {@code body} alone, without the MinHash bands: enough to {@link #containment
   * compare} a candidate, at a fraction of the cost. Its {@link #bandKeys} are empty.
   */
  public static StorySignature forComparison(String body) {
    List<String> words = words(body);
    return new StorySignature(hash(words), shingles(words), List.of());
  }

  /** Hex of a hash of the normalised words of the body: equal for exact copies. */
  public String bodyHash() {
    return bodyHash;
  }

  /** The LSH band keys ({@code "<band>:<hex>"}); empty for a body without words. */
  public List<String> bandKeys() {
    return bandKeys;
  }

  /** How many distinct shingles the body has. */
  public int shingleCount() {
    return shingles.length;
  }

  /**
   * The share of the smaller article's shingles that the other has too, in [0, 1]: 1 when one is
   * a trimmed copy of the other, however much was trimmed or added (which Jaccard would penalise).
   * Exact copies are 1; bodies without words are 0 unless exact copies.
   */
  public double containment(StorySignature other) {
    if (bodyHash.equals(other.bodyHash)) return 1.0;
    int smaller = Math.min(shingles.length, other.shingles.length);
    if (smaller == 0) return 0.0;
    return (double) common(shingles, other.shingles) / smaller;
  }

  /** Jaccard similarity of the shingle sets, in [0, 1] (for evaluation). */
  public double jaccard(StorySignature other) {
    int common = common(shingles, other.shingles);
    int union = shingles.length + other.shingles.length - common;
    return union == 0 ? (bodyHash.equals(other.bodyHash) ? 1.0 : 0.0) : (double) common / union;
  }

  private static int common(long[] a, long[] b) {
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length && j < b.length) {
      int c = Long.compare(a[i], b[j]);
      if (c == 0) {
        n++;
        i++;
        j++;
      } else if (c < 0) {
        i++;
      } else {
        j++;
      }
    }
    return n;
  }

  /** The words of the text: runs of letters and digits, lower-cased. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        word.appendCodePoint(Character.toLowerCase(cp));
      } else if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
      }
    }
    if (word.length() > 0) words.add(word.toString());
    return words;
  }

  private static long[] shingles(List<String> words) {
    if (words.isEmpty()) return new long[0];
    int n = Math.max(1, words.size() - SHINGLE_WORDS + 1);
    long[] wordHashes = new long[words.size()];
    for (int i = 0; i < wordHashes.length; i++) wordHashes[i] = wordHash(words.get(i));
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long h = 0x9E37_79B9_7F4A_7C15L;
      for (int k = i; k < Math.min(i + SHINGLE_WORDS, words.size()); k++) {
        h = mix(h * 31 + wordHashes[k]);
      }
      out[i] = h;
    }
    Arrays.sort(out);
    int distinct = 0;
    for (int i = 0; i < out.length; i++) {
      if (i == 0 || out[i] != out[i - 1]) out[distinct++] = out[i];
    }
    return Arrays.copyOf(out, distinct);
  }

  private static long wordHash(String word) {
    long h = 0xCBF2_9CE4_8422_2325L; // FNV-1a, then mixed
    for (int i = 0; i < word.length(); i++) {
      h = (h ^ word.charAt(i)) * 0x1000_0000_01B3L;
    }
    return mix(h);
  }

  /** SplitMix64's finaliser: spreads every input bit over the output. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }

  private static List<String> bands(long[] shingles) {
    if (shingles.length == 0) return List.of();
    long[] min = new long[MULTIPLIERS.length];
    Arrays.fill(min, Long.MAX_VALUE);
    // The shingle hashes are already mixed: one multiply-add per (shingle, function) is a
    // permutation of 64-bit values good enough for MinHash, and the cost of signing stays small.
    for (long s : shingles) {
      for (int f = 0; f < min.length; f++) {
        long h = s * MULTIPLIERS[f] + ADDENDS[f];
        if (h < min[f]) min[f] = h;
      }
    }
    List<String> keys = new ArrayList<>(BANDS);
    for (int b = 0; b < BANDS; b++) {
      long h = b;
      for (int r = 0; r < ROWS; r++) h = mix(h * 31 + min[b * ROWS + r]);
      keys.add(b + ":" + Long.toHexString(h));
    }
    return List.copyOf(keys);
  }

  private static String hash(List<String> words) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String w : words) {
        sha.update(w.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) ' ');
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
