package dev.byline.embed;

/**
 * A stand-in model for tests: a name and a dimension, nothing to close. Subclasses say what the
 * vectors are ({@link #embedQuery}, {@link #embedPassages}). The name picks the index field the
 * vectors go to, so two stubs of one name share their vectors and two of different names do not.
 */
public abstract class StubEmbedder implements Embedder {
  private final String name;
  private final int dimension;

  protected StubEmbedder(String name, int dimension) {
    this.name = name;
    this.dimension = dimension;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int dimension() {
    return dimension;
  }

  @Override
  public void close() {}
}
