package dev.byline.cli;

import dev.byline.http.BylineServer;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/** Keeps a started server running until the JVM is asked to stop, then stops it cleanly. */
final class Servers {
  private Servers() {}

  static void runUntilStopped(BylineServer server, String banner) throws InterruptedException {
    runUntilStopped(server, banner, () -> {});
  }

  /** As above; {@code afterClose} runs once the server and its index are closed. */
  static void runUntilStopped(BylineServer server, String banner, Runnable afterClose)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close(); // finishes in-flight requests, commits, closes the index
                  } catch (IOException e) {
                    LoggerFactory.getLogger(Servers.class).error("error while stopping", e);
                  } finally {
                    afterClose.run();
                    stopped.countDown();
                  }
                },
                "byline-shutdown"));
    System.out.println(banner);
    System.out.flush();
    stopped.await();
  }
}
