package dev.byline.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Tells the server's own warm-up requests ({@link SelfWarmup}) from its clients': they carry
 * {@link #HEADER} with a secret made when the server starts, which no client can know. They are
 * served as any other, but left out of the access log, the request and search metrics and the
 * slow-search log: a cold JVM's warm-up searches are slow on purpose, and counted they would
 * raise the latency figures and slow-search warnings of every start. A client sending the header
 * with any other value is an ordinary client.
 */
final class WarmupMark {
  static final String HEADER = "X-Byline-Warmup";

  private final byte[] secret;

  WarmupMark() {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    secret = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
  }

  /** The header value the warm-up sends. */
  String value() {
    return new String(secret, StandardCharsets.US_ASCII);
  }

  /** Whether {@code ctx} is one of the server's own warm-up requests. */
  boolean marks(Context ctx) {
    String sent = ctx.header(HEADER);
    // Compared in constant time: the value is a credential of sorts.
    return sent != null && MessageDigest.isEqual(secret, sent.getBytes(StandardCharsets.US_ASCII));
  }
}
