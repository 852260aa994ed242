package dev.byline.story;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * What an article's body is compared by to find its near-duplicates. Immutable in what it
 * answers, and thread-safe (the sorted shingles are made once, on first use).
 *
 * <ul>
 *   <li>{@link #bodyHash}: a hash of the body's words, lower-cased, without punctuation or
 *       spacing, so that copies differing only in those are exact copies.
 *   <li>The set of its {@link #SHINGLE_WORDS}-word shingles (each hashed to 64 bits): {@link
 *       #containment} compares two articles exactly on them.
 *   <li>{@link #bandKeys}: {@link #BANDS} locality-sensitive hash keys, each a 64-bit hash of the
 *       band's number and its {@link #ROWS} MinHash values over the shingles. Two bodies whose
 *       shingle sets have Jaccard similarity {@code j} share at least one key with probability
 *       {@code 1 - (1 - j^ROWS)^BANDS}: 0.86 at j = 0.3, 0.97 at 0.4, 0.998 at 0.5, 0.19 at 0.1
 *       (so unrelated articles rarely become candidates, and the few that do are turned down by
 *       the {@link #sketch} or the exact measure).
 * </ul>
 *
 * <p>Signatures depend only on the body (a syndicated copy often has a new headline). The hash
 * functions are fixed: a key indexed today must match one computed by a later Byline, or stories
 * would silently stop joining; changing them needs a schema version bump.
 */
public final class StorySignature {
  /** Words per shingle: 3 tells a copy from an article on the same topic with the same names. */
  public static final int SHINGLE_WORDS = 3;

  /**
   * Bands, and MinHash values per band. 21 × 2 (schema version 3) replaced 42 × 3: half the keys
   * to index and look up per article, a third of the hash functions to sign with, and more of
   * the copies found (0.97 instead of 0.94 at j = 0.4); the cost is more candidates at low
   * similarity, which the {@link #sketch} turns down unread. The evaluation in {@code bin/bench
   * stories} shows the same precision, the same or higher recall, and (with the sketch) ingest of
   * 6,000 articles with detection at 0.90 of without it instead of 0.78 (per CPU).
   */
  public static final int BANDS = 21;

  public static final int ROWS = 2;

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

  /**
   * The shingle hashes in text order, repeats included, until {@link #distinctShingles} first
   * needs them sorted and distinct; then that. Guarded by this.
   */
  private long[] shingles;

  private boolean sorted;
  private final long[] bandKeys;
  private final byte[] sketch;

  private StorySignature(String bodyHash, long[] shingles, long[] bandKeys, byte[] sketch) {
    this.bodyHash = bodyHash;
    this.shingles = shingles;
    this.bandKeys = bandKeys;
    this.sketch = sketch;
  }

  /** The signature of an article with this body. */
  public static StorySignature of(String body) {
    long[] words = wordHashes(body);
    long[] shingles = shingles(words);
    long[] min = minHashes(shingles);
    return new StorySignature(hash(words), shingles, bands(min), sketch(min));
  }

  /**
   * The shingles of {@code body} alone, without the MinHash bands: enough to {@link #containment
   * compare} a candidate, at a fraction of the cost. Its {@link #bandKeys} are empty.
   */
  public static StorySignature forComparison(String body) {
    long[] words = wordHashes(body);
    return new StorySignature(hash(words), shingles(words), new long[0], new byte[0]);
  }

  /** Hex of a 128-bit hash of the normalised words of the body: equal for exact copies. */
  public String bodyHash() {
    return bodyHash;
  }

  /**
   * The {@link #BANDS} LSH band keys, in band order (a copy); empty for a body with fewer distinct
   * shingles than {@link StoryDetector#MIN_COMMON_SHINGLES}, which can only join an exact copy.
   * Each key hashes its band's number with its values, so keys of different bands differ (but
   * for a 2^-64 chance, which would only bring a false candidate).
   */
  public long[] bandKeys() {
    return bandKeys.clone();
  }

  /**
   * The low {@value #SKETCH_BITS} bits of each of the body's {@code BANDS * ROWS} MinHash values,
   * {@value #SKETCH_BYTES} bytes: what {@link #estimatedJaccard} compares, so that a candidate can
   * be turned down without reading its body. Empty when {@link #bandKeys} is.
   */
  public byte[] sketch() {
    return sketch.clone();
  }

  private static final int SKETCH_BITS = 16;

  /** Bytes in a {@link #sketch}. */
  public static final int SKETCH_BYTES = BANDS * ROWS * SKETCH_BITS / 8;

  /**
   * The share of two {@link #sketch sketches}' MinHash values that are equal: an estimate of the
   * bodies' Jaccard similarity (standard deviation about 0.07 at 0.4), off by at most 2^-16 for
   * values that differ only above the bits kept. -1 when either sketch is missing or malformed.
   */
  public static double estimatedJaccard(byte[] a, byte[] b) {
    return b == null ? -1 : estimatedJaccard(a, b, 0, b.length);
  }

  /**
   * As {@link #estimatedJaccard(byte[], byte[])}, with the second sketch the {@code length} bytes
   * of {@code b} from {@code offset} (as an index's doc values hand it over, uncopied).
   */
  public static double estimatedJaccard(byte[] a, byte[] b, int offset, int length) {
    if (a == null || b == null || a.length != SKETCH_BYTES || length != SKETCH_BYTES) return -1;
    int equal = 0;
    for (int i = 0; i < SKETCH_BYTES; i += 2) {
      if (a[i] == b[offset + i] && a[i + 1] == b[offset + i + 1]) equal++;
    }
    return equal / (double) (BANDS * ROWS);
  }

  /** How many distinct shingles the body has. */
  public int shingleCount() {
    return distinctShingles().length;
  }

  /**
   * The shingles sorted and distinct, made on first use: most signatures are compared with no
   * candidate, and the sort was over 40% of signing an article (profile of ingest at 100,000
   * articles, 5 December).
   */
  private synchronized long[] distinctShingles() {
    if (!sorted) {
      long[] out = shingles;
      Arrays.sort(out);
      int distinct = 0;
      for (int i = 0; i < out.length; i++) {
        if (i == 0 || out[i] != out[i - 1]) out[distinct++] = out[i];
      }
      shingles = Arrays.copyOf(out, distinct);
      sorted = true;
    }
    return shingles;
  }

  /**
   * The share of the smaller article's shingles that the other has too, in [0, 1]: 1 when one is
   * a trimmed copy of the other, however much was trimmed or added (which Jaccard would penalise).
   * Exact copies are 1; bodies without words are 0 unless exact copies.
   */
  public double containment(StorySignature other) {
    long[] mine = distinctShingles();
    long[] theirs = other.distinctShingles();
    if (bodyHash.equals(other.bodyHash) && mine.length == theirs.length) return 1.0;
    int smaller = Math.min(mine.length, theirs.length);
    if (smaller == 0) return 0.0;
    return (double) common(mine, theirs) / smaller;
  }

  /** Jaccard similarity of the shingle sets, in [0, 1] (for evaluation). */
  public double jaccard(StorySignature other) {
    long[] mine = distinctShingles();
    long[] theirs = other.distinctShingles();
    int common = common(mine, theirs);
    int union = mine.length + theirs.length - common;
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

  /**
   * A 64-bit hash of each word of the text (a run of letters and digits, lower-cased), read in
   * one pass without making a string of each: signing is on every write's path.
   */
  static long[] wordHashes(String text) {
    long[] out = new long[Math.max(16, text.length() / 5)];
    int n = 0;
    long h = FNV_OFFSET;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.charAt(i);
      boolean letterOrDigit;
      if (cp < 0x80) { // the same answers as Character's for ASCII, without its table lookups
        i++;
        letterOrDigit = ASCII_WORD[cp];
        if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
      } else {
        cp = text.codePointAt(i);
        i += Character.charCount(cp);
        letterOrDigit = Character.isLetterOrDigit(cp);
        if (letterOrDigit) cp = Character.toLowerCase(cp);
      }
      if (letterOrDigit) {
        h = (h ^ cp) * FNV_PRIME;
        inWord = true;
      } else if (inWord) {
        if (n == out.length) out = Arrays.copyOf(out, n * 2);
        out[n++] = mix(h);
        h = FNV_OFFSET;
        inWord = false;
      }
    }
    if (inWord) {
      if (n == out.length) out = Arrays.copyOf(out, n + 1);
      out[n++] = mix(h);
    }
    return Arrays.copyOf(out, n);
  }

  /** ASCII letters and digits: what {@link Character#isLetterOrDigit(int)} says below 0x80. */
  private static final boolean[] ASCII_WORD = new boolean[0x80];

  static {
    for (int c = 0; c < 0x80; c++) ASCII_WORD[c] = Character.isLetterOrDigit(c);
  }

  private static final long FNV_OFFSET = 0xCBF2_9CE4_8422_2325L;
  private static final long FNV_PRIME = 0x1000_0000_01B3L;

  /** The hash of each shingle, in text order, repeats included. */
  private static long[] shingles(long[] wordHashes) {
    if (wordHashes.length == 0) return new long[0];
    int n = Math.max(1, wordHashes.length - SHINGLE_WORDS + 1);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long h = 0x9E37_79B9_7F4A_7C15L;
      for (int k = i; k < Math.min(i + SHINGLE_WORDS, wordHashes.length); k++) {
        h = mix(h * 31 + wordHashes[k]);
      }
      out[i] = h;
    }
    return out;
  }

  /** Whether {@code values} holds at least {@code n} distinct values, looking no further. */
  private static boolean atLeastDistinct(long[] values, int n) {
    long[] seen = new long[n];
    int found = 0;
    for (int i = 0; i < values.length && found < n; i++) {
      boolean known = false;
      for (int j = 0; j < found && !known; j++) known = seen[j] == values[i];
      if (!known) seen[found++] = values[i];
    }
    return found >= n;
  }

  /** SplitMix64's finaliser: spreads every input bit over the output. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The body's {@code BANDS * ROWS} MinHash values (over its shingles, repeats or not: a repeat
   * changes no minimum), or null when it has too few distinct shingles to reach
   * the detector's floor with anyone: only an exact copy can join it (found by the body hash), so
   * no key is looked up or indexed. Short templated bodies ("A platypus numbered 7") otherwise
   * crowd a few keys with thousands of articles.
   */
  private static long[] minHashes(long[] shingles) {
    if (!atLeastDistinct(shingles, StoryDetector.MIN_COMMON_SHINGLES)) return null;
    long[] min = new long[MULTIPLIERS.length];
    Arrays.fill(min, Long.MAX_VALUE);
    // The shingle hashes are already mixed: one multiply-add per (shingle, function) is a
    // permutation of 64-bit values good enough for MinHash, and the cost of signing stays small.
    // (32-bit lanes were tried: a variant in 900 fewer joined, for no cost measurable here.)
    for (long s : shingles) {
      for (int f = 0; f < min.length; f++) {
        min[f] = Math.min(min[f], s * MULTIPLIERS[f] + ADDENDS[f]);
      }
    }
    return min;
  }

  private static byte[] sketch(long[] min) {
    if (min == null) return new byte[0];
    byte[] out = new byte[SKETCH_BYTES];
    for (int f = 0; f < min.length; f++) {
      out[2 * f] = (byte) (min[f] >>> 8);
      out[2 * f + 1] = (byte) min[f];
    }
    return out;
  }

  private static long[] bands(long[] min) {
    if (min == null) return new long[0];
    long[] keys = new long[BANDS];
    for (int b = 0; b < BANDS; b++) {
      long h = b;
      for (int r = 0; r < ROWS; r++) h = mix(h * 31 + min[b * ROWS + r]);
      keys[b] = h;
    }
    return keys;
  }

  /**
   * 128 bits over the sequence of word hashes, as two independent 64-bit chains: equal for exact
   * copies; a collision would need 2^64 tries even for someone trying (and {@link
   * StoryDetector#similarity} also compares the shingles).
   */
  private static String hash(long[] wordHashes) {
    long a = 0x243F_6A88_85A3_08D3L;
    long b = 0x1319_8A2E_0370_7344L;
    for (long w : wordHashes) {
      a = mix(a * 31 + w);
      b = mix(b ^ Long.rotateLeft(w, 23)) + 0x9E37_79B9_7F4A_7C15L;
    }
    return HexFormat.of().toHexDigits(a) + HexFormat.of().toHexDigits(b);
  }
}
