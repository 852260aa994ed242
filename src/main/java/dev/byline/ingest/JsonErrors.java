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
    JsonLocation where = e.getLocation();
    if (where != null && where.getLineNr() > 0) {
      message += " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }
    return message;
  }
}
