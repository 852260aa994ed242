package dev.byline.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What became of one input item: {@code created}, {@code updated} or {@code error} (with the
 * reason), and warnings such as "no date found" for an extracted page. {@code id} is null when the
 * item failed before it had one.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ItemResult(
    String id, String status, String error, List<String> warnings, @JsonIgnore int line) {
  public ItemResult {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  public static final String CREATED = "created";
  public static final String UPDATED = "updated";
  public static final String ERROR = "error";

  public boolean failed() {
    return ERROR.equals(status);
  }
}
