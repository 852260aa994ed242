package dev.byline.index;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Opens the Lucene directory of an index folder: {@link #FS} ({@link FSDirectory#open}) but in
 * tests, which pass one that fails on cue as a full disk does.
 */
@FunctionalInterface
interface DirectoryOpener {
  DirectoryOpener FS = FSDirectory::open;

  Directory open(Path path) throws IOException;
}
