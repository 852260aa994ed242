package dev.byline.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Jackson's error messages without the parts meant for programmers (source references). */
final class JsonErrors {
  private JsonErrors() {}

  static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      message = "unreadable JSON";
    }
    message = message.lines().findFirst().orElse(message).strip();
    if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException
        && message.startsWith("Trailing token")) {
      message = "more JSON after the value: one article a line, one value a document";
    }
    JsonLocation where = e.getLocation();
    if (where != null && where.getLineNr() > 0) {
      message += " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }
    return message;
  }
}
