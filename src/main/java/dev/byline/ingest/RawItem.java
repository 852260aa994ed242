package dev.byline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One article as read from input, before validation: its JSON, or why it could not be read.
 *
 * @param line the 1-based line where it starts in its input (0: the item is the whole input)
 * @param json the parsed JSON, or null if {@code error} is set
 * @param error why the item could not be parsed, or null
 * @param warnings what a reader should know but that does not stop indexing (say, "no date found")
 */
public record RawItem(int line, JsonNode json, String error, List<String> warnings) {
  public RawItem {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  public static RawItem parsed(int line, JsonNode json) {
    return new RawItem(line, json, null, List.of());
  }

  public static RawItem failed(int line, String error) {
    return new RawItem(line, null, error, List.of());
  }
}
