package dev.byline.index;

import java.io.IOException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;

/**
 * One field's {@link TermsEnum} for each segment of the reader last asked about, made on first use
 * and reused for as long as that reader is the one asked about. A terms enum allocates its frames
 * and term states as it seeks; story placement seeks twenty-two keys in every segment for every
 * article written, and making the enums afresh each time was a tenth of what placement allocated
 * (bulk load profile, 6 December). An enum is positioned wherever its last seek left it: callers
 * seek before they read.
 *
 * <p>Not thread-safe: one owner calls it under its own lock, and uses an enum only while it holds
 * the reader it was asked for (a released reader may be closed; its enums are dropped at the next
 * call with another reader).
 */
final class SegmentTermsEnums {
  private final String field;

  /** Identifies the reader the enums belong to; null before the first call. */
  private IndexReader.CacheKey readerKey;

  private TermsEnum[] enums = new TermsEnum[0];
  private boolean[] made = new boolean[0];

  SegmentTermsEnums(String field) {
    this.field = field;
  }

  /**
   * The field's terms enum in {@code leaf}, a segment of {@code top}; null when the segment has
   * no terms in the field.
   */
  TermsEnum of(IndexReader top, LeafReaderContext leaf) throws IOException {
    IndexReader.CacheHelper helper = top.getReaderCacheHelper();
    if (helper == null) return fresh(leaf); // a reader without identity: nothing to reuse
    IndexReader.CacheKey key = helper.getKey();
    if (key != readerKey || leaf.ord >= enums.length) {
      readerKey = key;
      int leaves = top.leaves().size();
      enums = new TermsEnum[leaves];
      made = new boolean[leaves];
    }
    if (!made[leaf.ord]) {
      enums[leaf.ord] = fresh(leaf);
      made[leaf.ord] = true;
    }
    return enums[leaf.ord];
  }

  private TermsEnum fresh(LeafReaderContext leaf) throws IOException {
    Terms terms = leaf.reader().terms(field);
    return terms == null ? null : terms.iterator();
  }
}
