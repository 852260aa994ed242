package dev.byline.errors;

/** Something the caller named (an article id, say) does not exist. Maps to a 404. */
public class NotFoundException extends InvalidRequestException {
  public NotFoundException(String message) {
    super(404, "not_found", message);
  }
}
