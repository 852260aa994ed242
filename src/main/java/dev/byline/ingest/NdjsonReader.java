package dev.byline.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Lines: one article per line; blank lines skipped. A line that is not valid JSON is an item
 * with an error, never the end of the input.
 */
public final class NdjsonReader implements RawItemReader {
  private final BufferedReader in;
  private final ObjectMapper json;
  private int lineNumber;

  public NdjsonReader(InputStream input, ObjectMapper json) {
    this.in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
    this.json = json;
  }

  @Override
  public List<RawItem> next(int max) throws IOException {
    List<RawItem> items = new ArrayList<>();
    String line;
    while (items.size() < max && (line = in.readLine()) != null) {
      lineNumber++;
      if (lineNumber == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1); // a byte-order mark is not part of the first article
      }
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = json.readTree(line);
        items.add(RawItem.parsed(lineNumber, node));
      } catch (JsonProcessingException e) {
        items.add(RawItem.failed(lineNumber, "invalid JSON: " + JsonErrors.describe(e)));
      }
    }
    return items;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
