/**
 * The exceptions every layer may throw for a caller's mistake. They carry a short code and a
 * message that names the bad value; {@code http} maps them to one JSON error shape, {@code cli}
 * prints the message. Anything else that escapes is a bug in Byline, never the caller's fault.
 */
package dev.byline.errors;
