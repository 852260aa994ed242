package dev.byline.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.errors.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON document: one article (an object) or an array of them, streamed element by element. An
 * element that is not an object is an item with an error; a syntax error breaks the document's
 * structure, so it ends the read with {@link InvalidRequestException} ({@code invalid_json}) naming
 * the line and column, after the items read before it have been returned.
 */
public final class JsonDocumentReader implements RawItemReader {
  private final JsonParser parser;
  private final ObjectMapper json;
  private boolean started;
  private boolean done;
  private InvalidRequestException pending;

  public JsonDocumentReader(InputStream input, ObjectMapper json) throws IOException {
    this.parser = json.getFactory().createParser(input);
    this.json = json;
  }

  @Override
  public List<RawItem> next(int max) throws IOException {
    if (pending != null) {
      throw pending;
    }
    List<RawItem> items = new ArrayList<>();
    try {
      if (!started) {
        started = true;
        JsonToken first = parser.nextToken();
        if (first == null) {
          throw new InvalidRequestException("invalid_json", "the JSON document is empty");
        }
        if (first != JsonToken.START_ARRAY) {
          items.add(readOne());
          done = true;
          expectEnd();
          return items;
        }
      }
      while (!done && items.size() < max) {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY || token == null) {
          done = true;
          if (token == null) {
            throw new InvalidRequestException(
                "invalid_json", "the JSON array is not closed (missing ']')");
          }
          expectEnd();
          break;
        }
        items.add(readOne());
      }
    } catch (JsonProcessingException e) {
      pending =
          new InvalidRequestException("invalid_json", "invalid JSON: " + JsonErrors.describe(e));
    } catch (InvalidRequestException e) {
      pending = e;
    }
    if (pending != null) {
      done = true;
      if (items.isEmpty()) {
        throw pending;
      }
      // Hand over what was read before the break; the next call reports the break.
    }
    return items;
  }

  private RawItem readOne() throws IOException {
    int line = parser.currentTokenLocation().getLineNr();
    JsonNode node = json.readTree(parser);
    return RawItem.parsed(line, node);
  }

  private void expectEnd() throws IOException {
    if (parser.nextToken() != null) {
      throw new InvalidRequestException(
          "invalid_json",
          "unexpected content after the JSON document at line "
              + parser.currentTokenLocation().getLineNr()
              + " (for one article per line, send application/x-ndjson)");
    }
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
