package dev.byline.index;

import java.io.IOException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.Impacts;
import org.apache.lucene.index.ImpactsEnum;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * A view of a reader for one search whose word positions stop at its {@link SearchDeadline}: every
 * {@link #CHECK_EVERY} positions read, the deadline is asked, and past it the search ends with
 * {@link SearchDeadline.Exceeded}. Lucene asks a search's timeout only between stretches of
 * documents, and a phrase reads every position of its words in a document: in one article of 10
 * million words ("q q q ..."), a phrase of 300 of them ran 16 to 18 s past a 5 s limit, and a
 * sloppy phrase of 32 words 9.5 s.
 *
 * <p>Everything else is the wrapped reader's, its cache keys included (as Lucene's {@code
 * ExitableDirectoryReader} keeps them), so the query cache and per-segment state are shared.
 */
final class DeadlineReader extends FilterDirectoryReader {
  /** Positions read between two looks at the deadline: a look costs a clock read. */
  static final int CHECK_EVERY = 1 << 14;

  private final SearchDeadline deadline;

  private DeadlineReader(DirectoryReader in, SearchDeadline deadline) throws IOException {
    super(
        in,
        new SubReaderWrapper() {
          @Override
          public LeafReader wrap(LeafReader reader) {
            return new Leaf(reader, deadline);
          }
        });
    this.deadline = deadline;
  }

  /** {@code in} with its positions read under {@code deadline}. */
  static DirectoryReader wrap(DirectoryReader in, SearchDeadline deadline) throws IOException {
    return new DeadlineReader(in, deadline);
  }

  @Override
  protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) throws IOException {
    return new DeadlineReader(in, deadline);
  }

  @Override
  public CacheHelper getReaderCacheHelper() {
    return in.getReaderCacheHelper();
  }

  private static final class Leaf extends FilterLeafReader {
    private final SearchDeadline deadline;

    Leaf(LeafReader in, SearchDeadline deadline) {
      super(in);
      this.deadline = deadline;
    }

    @Override
    public Terms terms(String field) throws IOException {
      Terms terms = super.terms(field);
      return terms == null ? null : new TimedTerms(terms, deadline);
    }

    @Override
    public CacheHelper getCoreCacheHelper() {
      return in.getCoreCacheHelper();
    }

    @Override
    public CacheHelper getReaderCacheHelper() {
      return in.getReaderCacheHelper();
    }
  }

  private static final class TimedTerms extends FilterLeafReader.FilterTerms {
    private final SearchDeadline deadline;

    TimedTerms(Terms in, SearchDeadline deadline) {
      super(in);
      this.deadline = deadline;
    }

    @Override
    public TermsEnum iterator() throws IOException {
      return new FilterLeafReader.FilterTermsEnum(in.iterator()) {
        @Override
        public PostingsEnum postings(PostingsEnum reuse, int flags) throws IOException {
          PostingsEnum postings =
              in.postings(reuse instanceof TimedPostings t ? t.wrapped() : reuse, flags);
          return PostingsEnum.featureRequested(flags, PostingsEnum.POSITIONS)
              ? new TimedPostings(postings, deadline)
              : postings;
        }

        @Override
        public ImpactsEnum impacts(int flags) throws IOException {
          ImpactsEnum impacts = in.impacts(flags);
          return PostingsEnum.featureRequested(flags, PostingsEnum.POSITIONS)
              ? new TimedImpacts(impacts, deadline)
              : impacts;
        }
      };
    }
  }

  /** Counts positions read; every {@link #CHECK_EVERY}, asks the deadline. */
  private static final class Positions {
    private final SearchDeadline deadline;
    private int read;

    Positions(SearchDeadline deadline) {
      this.deadline = deadline;
    }

    void one() {
      if (++read == CHECK_EVERY) {
        read = 0;
        if (deadline.shouldExit()) throw new SearchDeadline.Exceeded();
      }
    }
  }

  private static final class TimedPostings extends FilterLeafReader.FilterPostingsEnum {
    private final Positions positions;

    TimedPostings(PostingsEnum in, SearchDeadline deadline) {
      super(in);
      this.positions = new Positions(deadline);
    }

    /** The postings read, to be reused by the next {@code postings} call. */
    PostingsEnum wrapped() {
      return in;
    }

    @Override
    public int nextPosition() throws IOException {
      positions.one();
      return in.nextPosition();
    }
  }

  private static final class TimedImpacts extends ImpactsEnum {
    private final ImpactsEnum in;
    private final Positions positions;

    TimedImpacts(ImpactsEnum in, SearchDeadline deadline) {
      this.in = in;
      this.positions = new Positions(deadline);
    }

    @Override
    public void advanceShallow(int target) throws IOException {
      in.advanceShallow(target);
    }

    @Override
    public Impacts getImpacts() throws IOException {
      return in.getImpacts();
    }

    @Override
    public int freq() throws IOException {
      return in.freq();
    }

    @Override
    public int nextPosition() throws IOException {
      positions.one();
      return in.nextPosition();
    }

    @Override
    public int startOffset() throws IOException {
      return in.startOffset();
    }

    @Override
    public int endOffset() throws IOException {
      return in.endOffset();
    }

    @Override
    public BytesRef getPayload() throws IOException {
      return in.getPayload();
    }

    @Override
    public int docID() {
      return in.docID();
    }

    @Override
    public int nextDoc() throws IOException {
      return in.nextDoc();
    }

    @Override
    public int advance(int target) throws IOException {
      return in.advance(target);
    }

    @Override
    public long cost() {
      return in.cost();
    }
  }
}
