package dev.byline.errors;

/**
 * A request that cannot be served as asked: bad JSON, a bad parameter, a query that does not parse.
 * Thrown where the problem is found; the HTTP layer turns it into a 400 (or {@link #status()}) with
 * {@code {"error": code, "message": message}}, and the command line prints the message.
 */
public class InvalidRequestException extends RuntimeException {
  private final String code;
  private final int status;

  public InvalidRequestException(String code, String message) {
    this(400, code, message);
  }

  public InvalidRequestException(int status, String code, String message) {
    super(message);
    this.code = code;
    this.status = status;
  }

  /** A short machine-readable code, such as {@code invalid_parameter}. */
  public String code() {
    return code;
  }

  /** The HTTP status this problem maps to (a 4xx). */
  public int status() {
    return status;
  }
}
