package dev.byline.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock for each article id, made while someone holds or waits for it and dropped after: a write
 * holds its own id's lock only. Shared stripes (64 of them, before) made a write wait for another
 * id's: a thread that fell on Lucene's flush of a full indexing buffer inside its update held its
 * stripe for 0.4-1.6 s, and the batch's other thread soon needed that stripe and stopped too (JFR,
 * bulk loads of 20,000 articles).
 *
 * <p>Reentrant, as {@code synchronized} was. {@link #lockAll} takes its ids in sorted order, so
 * two of them never deadlock; a caller holding one id must not then lock another.
 */
final class IdLocks {
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  /** An id's lock, and how many threads hold or wait for it (changed only in the map's compute). */
  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }

  /** Held locks, released by {@link #close}. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /** Locks {@code id}, waiting for whoever holds it. */
  Held lock(String id) {
    Entry entry = enter(id);
    entry.lock.lock();
    return () -> release(id, entry);
  }

  /** Locks every id of {@code ids} (in sorted order, each once). */
  Held lockAll(Collection<String> ids) {
    List<Held> held = new ArrayList<>();
    try {
      for (String id : new TreeSet<>(ids)) held.add(lock(id));
    } catch (RuntimeException | Error e) {
      closeAll(held);
      throw e;
    }
    return () -> closeAll(held);
  }

  /** How many ids have a lock now (held or waited for). */
  int size() {
    return entries.size();
  }

  private Entry enter(String id) {
    return entries.compute(
        id,
        (key, entry) -> {
          Entry e = entry == null ? new Entry() : entry;
          e.users++;
          return e;
        });
  }

  private void release(String id, Entry entry) {
    entry.lock.unlock();
    entries.computeIfPresent(id, (key, e) -> --e.users == 0 ? null : e);
  }

  private static void closeAll(List<Held> held) {
    for (int i = held.size() - 1; i >= 0; i--) held.get(i).close();
  }
}
