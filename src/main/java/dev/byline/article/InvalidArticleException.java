package dev.byline.article;

/** An article that breaks a rule of the schema; {@link #field()} names the field at fault. */
public class InvalidArticleException extends RuntimeException {
  private final String field;

  public InvalidArticleException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The field at fault, or null when the article as a whole is wrong (not an object, say). */
  public String field() {
    return field;
  }
}
