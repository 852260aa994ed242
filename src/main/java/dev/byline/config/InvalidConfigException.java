package dev.byline.config;

/** A setting with a value Byline cannot run with; the message names the setting and the value. */
public class InvalidConfigException extends RuntimeException {
  public InvalidConfigException(String message) {
    super(message);
  }
}
