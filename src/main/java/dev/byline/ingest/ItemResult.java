package dev.byline.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What became of one input item: {@code created}, {@code updated} or {@code error} (with the
 * reason). {@code id} is null when the item failed before it had one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemResult(String id, String status, String error, @JsonIgnore int line) {
  public static final String CREATED = "created";
  public static final String UPDATED = "updated";
  public static final String ERROR = "error";

  public boolean failed() {
    return ERROR.equals(status);
  }
}
