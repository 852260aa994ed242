package dev.byline.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The story ids merged into others (issue 16): when {@code byline stories} finds that two stories
 * are one, the one that stays keeps its id and every other id becomes an alias of it, so that a
 * story id, once given, always resolves. Kept in the user data of each commit of the generation
 * ({@link #COMMIT_KEY}, a JSON object from old id to surviving id), so it travels with the index:
 * snapshots, restores and reindexes keep it. Thread-safe.
 */
final class StoryAliases {
  static final String COMMIT_KEY = "byline.story_aliases";

  /** Longest chain followed: aliases are retargeted when added, so a chain is one step. */
  private static final int MAX_HOPS = 64;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> to = new HashMap<>();

  /** Reads the aliases a commit recorded (null or empty: none). */
  static StoryAliases parse(String json) {
    StoryAliases aliases = new StoryAliases();
    if (json == null || json.isBlank()) return aliases;
    try {
      aliases.to.putAll(JSON.readValue(json, new TypeReference<Map<String, String>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable story aliases in the index's commit data", e);
    }
    return aliases;
  }

  /** The JSON recorded with a commit, or null when there is no alias. */
  synchronized String toJson() {
    if (to.isEmpty()) return null;
    try {
      return JSON.writeValueAsString(new TreeMap<>(to));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Records merges: each key becomes an alias of its value, and aliases of a merged id now point
   * to where it went. A surviving id that was itself an alias is resolved first; an alias of
   * itself is ignored.
   */
  synchronized void add(Map<String, String> merged) {
    for (Map.Entry<String, String> e : merged.entrySet()) {
      String target = resolveLocked(e.getValue());
      String old = e.getKey();
      if (old.equals(target)) continue;
      to.put(old, target);
      to.replaceAll((k, v) -> v.equals(old) ? target : v);
    }
  }

  /** Every alias, old id to surviving id. */
  synchronized Map<String, String> all() {
    return Map.copyOf(to);
  }

  /** Where a story id now is: the surviving id for an alias, else the id itself. */
  synchronized String resolve(String id) {
    return resolveLocked(id);
  }

  /** Whether this id names a story merged into another. */
  synchronized boolean isAlias(String id) {
    return to.containsKey(id);
  }

  private String resolveLocked(String id) {
    String at = id;
    for (int hop = 0; hop < MAX_HOPS; hop++) {
      String next = to.get(at);
      if (next == null) return at;
      at = next;
    }
    return at;
  }
}
