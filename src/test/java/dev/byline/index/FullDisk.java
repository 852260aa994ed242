package dev.byline.index;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

/**
 * A disk that tests fill up and empty at will, without root or mounts: a free-space probe that
 * reports what {@link #usable} says, and Lucene directories that throw "No space left on device"
 * from every new file and every write to one while {@link #fill} is on (as a real full disk does
 * to a flush; the write-ahead log is left alone, as the few bytes of a record often still fit).
 */
public final class FullDisk {
  public static final long TOTAL = 100L << 30;
  private volatile long usable = TOTAL / 2;
  private volatile boolean full;
  private volatile boolean fullOnFlush;

  /** Usable bytes the probe reports from now on. */
  public void usable(long bytes) {
    usable = bytes;
  }

  /** Whether Lucene's writes fail from now on. */
  public void fill(boolean on) {
    full = on;
  }

  /**
   * Whether only the files of a flush fail from now on: a document already taken into the writer's
   * buffer, whose flush (for a refresh or a commit) then meets the full disk.
   */
  public void fillOnFlush(boolean on) {
    fullOnFlush = on;
  }

  /** Space checked on every call (no one-second cache), against the flood stage {@code floodStageBytes}. */
  public DiskSpace space(Path dir, long floodStageBytes) {
    return new DiskSpace(dir, floodStageBytes, d -> new DiskSpace.Reading(usable, TOTAL), 0);
  }

  /** An index opened as a server opens it, on this disk. */
  public ArticleIndex openForServing(Path indexDir, long floodStageBytes) throws IOException {
    return ArticleIndex.openForServing(
        indexDir,
        space(indexDir, floodStageBytes),
        path -> new Filling(DirectoryOpener.FS.open(path)));
  }

  private IOException noSpace() {
    return new IOException("No space left on device (injected)");
  }

  private final class Filling extends FilterDirectory {
    Filling(Directory in) {
      super(in);
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
      if (full || (fullOnFlush && context.context() == IOContext.Context.FLUSH)) throw noSpace();
      return new Output(in.createOutput(name, context));
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context)
        throws IOException {
      if (full) throw noSpace();
      return new Output(in.createTempOutput(prefix, suffix, context));
    }
  }

  private final class Output extends IndexOutput {
    private final IndexOutput out;

    Output(IndexOutput out) {
      super("filling(" + out + ")", out.getName());
      this.out = out;
    }

    @Override
    public void writeByte(byte b) throws IOException {
      if (full) throw noSpace();
      out.writeByte(b);
    }

    @Override
    public void writeBytes(byte[] b, int offset, int length) throws IOException {
      if (full) throw noSpace();
      out.writeBytes(b, offset, length);
    }

    @Override
    public long getFilePointer() {
      return out.getFilePointer();
    }

    @Override
    public long getChecksum() throws IOException {
      return out.getChecksum();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
