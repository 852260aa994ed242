package dev.byline.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A file channel that fails on cue, as a full disk does: {@link #failWritesAfter} lets that many
 * more bytes through and then throws from {@code write}, leaving what got through in the file;
 * {@link #failTruncates} makes {@code truncate} throw. {@code force} does nothing;
 * everything else goes to the real file.
 */
final class FaultyChannel extends FileChannel {
  private final FileChannel file;
  private long writesLeft = Long.MAX_VALUE;
  private boolean failTruncates;

  FaultyChannel(FileChannel file) {
    this.file = file;
  }

  /** The next writes put {@code bytes} more bytes in the file, then throw (until reset with -1). */
  void failWritesAfter(long bytes) {
    writesLeft = bytes < 0 ? Long.MAX_VALUE : bytes;
  }

  void failTruncates(boolean fail) {
    failTruncates = fail;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    if (writesLeft == 0) throw new IOException("No space left on device (injected)");
    if (src.remaining() <= writesLeft) {
      int n = file.write(src);
      if (writesLeft != Long.MAX_VALUE) writesLeft -= n;
      return n;
    }
    ByteBuffer part = src.slice().limit((int) writesLeft);
    int n = file.write(part);
    src.position(src.position() + n);
    writesLeft -= n;
    return n;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long n = 0;
    for (int i = offset; i < offset + length; i++) {
      while (srcs[i].hasRemaining()) n += write(srcs[i]);
    }
    return n;
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    if (failTruncates) throw new IOException("Input/output error (injected)");
    file.truncate(size);
    return this;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return file.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return file.read(dsts, offset, length);
  }

  @Override
  public long position() throws IOException {
    return file.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    file.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return file.size();
  }

  /**
   * Does not reach the disk: these tests model a crash by cutting the files themselves, and a
   * real force costs milliseconds (tens on a busy disk) hundreds of times per test.
   */
  @Override
  public void force(boolean metaData) {}

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return file.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    return file.transferFrom(src, position, count);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return file.read(dst, position);
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    throw new UnsupportedOperationException("the log appends; it never writes at a position");
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    throw new UnsupportedOperationException("the log does not map its files");
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return file.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return file.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    file.close();
  }
}
