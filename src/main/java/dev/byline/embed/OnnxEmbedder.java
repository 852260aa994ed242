package dev.byline.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * An {@link EmbeddingModel} that ships inside Byline's jar, run on the CPU by ONNX Runtime: the
 * ONNX file and its tokenizer are read from the classpath (the langchain4j artifacts that ship
 * them), nothing is downloaded.
 *
 * <p>Each passage or query is run by ONNX Runtime on the one thread that asks (one intra-op
 * thread, no inter-op pool): Runtime's default is a pool as large as the machine for every run,
 * so that two runs side by side kept more threads busy than there are cores, and searches waited
 * for them. How many passages are embedded at once is the {@code threads} given here.
 *
 * <p>Queries get the model's query instruction, if it was trained with one; passages are embedded
 * as they are.
 */
final class OnnxEmbedder implements Embedder {
  private final EmbeddingModel spec;
  private final ExecutorService threads;
  private final OrtSession session;
  private final Model model;

  /**
   * Runs hold it shared, {@link #close} alone: a session closed under a run would free native
   * memory the run still reads (a query's embedding may outlive the request that asked for it).
   */
  private final ReentrantReadWriteLock open = new ReentrantReadWriteLock();

  private boolean closed; // guarded by open's write lock (read under its read lock)

  /**
   * Loads the model (about a second) with {@code threads} threads to embed the passages of one
   * batch side by side.
   *
   * @throws UncheckedIOException if the model cannot be read from the classpath or loaded
   */
  OnnxEmbedder(EmbeddingModel spec, int threads) {
    if (threads < 1)
      throw new IllegalArgumentException("threads must be >= 1 (got: " + threads + ")");
    this.spec = spec;
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "byline-embed-model-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        InputStream onnx = resource(spec.modelResource());
        InputStream tokenizer = resource(spec.tokenizerResource())) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      // Every graph optimisation, layout ones included (the Java API's default stops short of
      // them): the same vectors bit for bit, a bge query embedded in 2.8 ms instead of 3.4 (p50,
      // one thread, 4 December); long passages gain nothing measurable.
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      this.session = environment.createSession(onnx.readAllBytes(), options);
      this.model =
          new Model(
              this.threads,
              new OnnxBertBiEncoder(environment, session, tokenizer, spec.pooling()),
              spec.dimension());
    } catch (IOException e) {
      this.threads.shutdownNow();
      throw new UncheckedIOException("cannot read the embedding model", e);
    } catch (OrtException e) {
      this.threads.shutdownNow();
      throw new UncheckedIOException(new IOException("cannot load the embedding model", e));
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = OnnxEmbedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) throw new IOException(name + " is not on the classpath");
    return in;
  }

  /** langchain4j's batching (one passage per thread of the executor) over our own session. */
  private static final class Model extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;
    private final int modelDimension;

    Model(Executor executor, OnnxBertBiEncoder encoder, int dimension) {
      super(executor);
      this.encoder = encoder;
      this.modelDimension = dimension;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    protected Integer knownDimension() {
      return modelDimension;
    }
  }

  @Override
  public String name() {
    return spec.modelName();
  }

  @Override
  public int dimension() {
    return spec.dimension();
  }

  @Override
  public float[] embedQuery(String query) {
    String asked = readable(spec.queryInstruction() + query);
    return running(() -> unit(model.embed(asked).content()));
  }

  /**
   * The text, or a placeholder when {@code trim()} empties it (spaces, control characters alone):
   * langchain4j refuses such a text, and a query or passage of nothing to read gets a vector, not
   * an error (a 500 for {@code q=%00}; an article set aside).
   */
  private static String readable(String text) {
    return text.trim().isEmpty() ? "-" : text;
  }

  private <T> T running(Supplier<T> run) {
    open.readLock().lock();
    try {
      if (closed) throw new IllegalStateException("the embedding model is closed");
      return run.get();
    } finally {
      open.readLock().unlock();
    }
  }

  @Override
  public List<float[]> embedPassages(List<String> passages) {
    if (passages.isEmpty()) return List.of();
    List<TextSegment> segments = new ArrayList<>(passages.size());
    for (String p : passages) segments.add(TextSegment.from(readable(p)));
    return running(
        () -> {
          List<float[]> out = new ArrayList<>(passages.size());
          for (Embedding e : model.embedAll(segments).content()) out.add(unit(e));
          return out;
        });
  }

  /** Scaled to length 1, so that the index can compare vectors by dot product. */
  private static float[] unit(Embedding embedding) {
    float[] v = embedding.vector();
    double norm = 0;
    for (float x : v) norm += (double) x * x;
    norm = Math.sqrt(norm);
    if (norm == 0) return v;
    for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] / norm);
    return v;
  }

  @Override
  public void close() {
    open.writeLock().lock(); // after the runs under way
    try {
      if (closed) return;
      closed = true;
      threads.shutdownNow();
      session.close();
    } catch (OrtException e) {
      // Nothing to do about it at close: the process is ending or the embedder is being replaced.
    } finally {
      open.writeLock().unlock();
    }
  }
}
