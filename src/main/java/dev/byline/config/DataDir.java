package dev.byline.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The data directory's layout, known here and nowhere else. A data directory holds:
 *
 * <ul>
 *   <li>index generations, each a Lucene index in its own folder: {@code index} (the first) and
 *       {@code index-<UTC time>} (one per reindex, so names sort by age);
 *   <li>{@code CURRENT}: one line, the name of the live generation ({@code index} when the file is
 *       missing); {@code PREVIOUS}: the one before it, which a rollback brings back. Both are
 *       rewritten atomically;
 *   <li>{@code <generation>.building} beside a generation a reindex has not finished;
 *   <li>{@code snapshots/<name>}: snapshots taken through a running server;
 *   <li>{@code server.json}, while a server runs: how the command line finds it.
 * </ul>
 *
 * <p>It only names and points; what is built, checked or deleted there is decided by its callers.
 */
public final class DataDir {
  /** Names the live index generation (one line: its folder name in the data directory). */
  public static final String CURRENT_FILE = "CURRENT";

  /** Names the generation before the live one, which {@code reindex --rollback} brings back. */
  public static final String PREVIOUS_FILE = "PREVIOUS";

  /** The live generation when {@link #CURRENT_FILE} names none: the one a first start creates. */
  private static final String FIRST_GENERATION = "index";

  private static final Pattern GENERATION_NAME = Pattern.compile("index(-[0-9TZ]+)?");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  private static final String BUILDING_MARKER = ".building";

  private final Path root;

  private DataDir(Path root) {
    this.root = java.util.Objects.requireNonNull(root, "root");
  }

  /** The layout of the data directory {@code root} (which need not exist yet). */
  public static DataDir of(Path root) {
    return new DataDir(root);
  }

  public Path root() {
    return root;
  }

  /**
   * The live index: the generation named in {@code CURRENT} (written by reindex), or {@code index}
   * when there is none.
   *
   * @throws UncheckedIOException if {@code CURRENT} cannot be read, names no generation folder
   *     that is here, or is missing while generations of a reindex are here: a damaged data
   *     directory, where opening a new empty index in place of the live one would serve nothing
   *     and let the next reindex's clean-up delete the real one
   */
  public Path liveIndex() {
    Path current = root.resolve(CURRENT_FILE);
    try {
      if (Files.isRegularFile(current)) {
        String name = Files.readString(current).strip();
        if (!isGenerationName(name) || !Files.isDirectory(root.resolve(name))) {
          throw damaged(
              current
                  + " names '"
                  + name
                  + "', which is not an index folder here: write the live generation's folder"
                  + " name into it (the newest index-* folder without a .building marker)");
        }
        return root.resolve(name);
      }
      Path first = root.resolve(FIRST_GENERATION);
      if (!Files.exists(first) && Files.isDirectory(root)) {
        try (var entries = Files.list(root)) {
          List<String> generations =
              entries
                  .map(p -> p.getFileName().toString())
                  .filter(n -> isGenerationName(n) && Files.isDirectory(root.resolve(n)))
                  // one being built (or left half-built by a killed restore) was never live
                  .filter(n -> !Files.exists(buildingMarker(n)))
                  .sorted()
                  .toList();
          if (!generations.isEmpty()) {
            throw damaged(
                current
                    + " is missing, and so is "
                    + first
                    + ", but reindexed generations are here ("
                    + String.join(", ", generations)
                    + "): write the live one's folder name into "
                    + current);
          }
        }
      }
      return first;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static UncheckedIOException damaged(String why) {
    return new UncheckedIOException(
        new IOException(
            "the data directory is damaged: "
                + why
                + " (or put a snapshot in its place with `byline restore`); nothing was changed"));
  }

  /** The live generation's folder name. */
  public String liveName() {
    return liveIndex().getFileName().toString();
  }

  /** The generation named in {@code PREVIOUS}, or null when there is no such file. */
  public String previousName() throws IOException {
    Path previous = root.resolve(PREVIOUS_FILE);
    return Files.isRegularFile(previous) ? Files.readString(previous).strip() : null;
  }

  /** The folder of the generation called {@code name}. */
  public Path generation(String name) {
    return root.resolve(name);
  }

  /** Whether {@code name} is how a generation's folder is named. */
  public static boolean isGenerationName(String name) {
    return GENERATION_NAME.matcher(name).matches();
  }

  /** A name for a new generation, after every earlier one (it holds the time). */
  public String newGenerationName() {
    return "index-" + STAMP.format(Instant.now());
  }

  /** The marker that says the generation {@code name} is being built (not finished). */
  public Path buildingMarker(String name) {
    return root.resolve(name + BUILDING_MARKER);
  }

  /** Names of the generations with a {@link #buildingMarker} (interrupted builds, or one under way). */
  public List<String> halfBuilt() throws IOException {
    if (!Files.isDirectory(root)) return List.of();
    try (Stream<Path> list = Files.list(root)) {
      return list.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(BUILDING_MARKER))
          .map(name -> name.replace(BUILDING_MARKER, ""))
          .toList();
    }
  }

  /** The generations' folders, newest first ({@code index}, the first, last). */
  public List<Path> generations() throws IOException {
    try (Stream<Path> list = Files.list(root)) {
      return list.filter(Files::isDirectory)
          .filter(p -> isGenerationName(p.getFileName().toString()))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .toList();
    }
  }

  /**
   * Names {@code name} in {@code CURRENT} and {@code replaced} in {@code PREVIOUS} (or removes
   * {@code PREVIOUS} when {@code replaced} is null: nothing was live), each file replaced
   * atomically, {@code PREVIOUS} first: if this fails, {@code CURRENT} still names the generation
   * that was live.
   */
  public void makeLive(String name, String replaced) throws IOException {
    if (replaced == null) Files.deleteIfExists(root.resolve(PREVIOUS_FILE));
    else writeAtomically(root.resolve(PREVIOUS_FILE), replaced);
    writeAtomically(root.resolve(CURRENT_FILE), name);
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content + "\n");
    try (var channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    // The rename on disk before the swap goes on: a power cut after a restore or a reindex said
    // it was done could otherwise bring back the old CURRENT on a file system that does not
    // write names in order.
    org.apache.lucene.util.IOUtils.fsync(file.toAbsolutePath().getParent(), true);
  }

  /** Where snapshots taken through a running server go, one folder each. */
  public Path snapshots() {
    return root.resolve("snapshots");
  }

  /** The file a running server writes so that the command line can find it. */
  public Path serverFile() {
    return root.resolve("server.json");
  }

  /** Deletes a folder (a generation, a staged snapshot) and everything in it; nothing if it does not exist. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList())
        Files.deleteIfExists(p);
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
