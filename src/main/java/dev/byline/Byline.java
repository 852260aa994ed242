package dev.byline;

import dev.byline.cli.ConfigDefaults;
import dev.byline.cli.DemoCommand;
import dev.byline.cli.ExtractCommand;
import dev.byline.cli.IndexCommand;
import dev.byline.cli.ReindexCommand;
import dev.byline.cli.RestoreCommand;
import dev.byline.cli.SearchCommand;
import dev.byline.cli.ServeCommand;
import dev.byline.cli.SnapshotCommand;
import dev.byline.cli.StatsCommand;
import dev.byline.cli.StoriesCommand;
import dev.byline.config.InvalidConfigException;
import dev.byline.errors.InvalidRequestException;
import dev.byline.index.IndexLockedException;
import dev.byline.index.ReindexConflictException;
import dev.byline.index.SchemaMismatchException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code byline} command: wiring only; each subcommand lives in {@code dev.byline.cli}. */
@Command(
    name = "byline",
    mixinStandardHelpOptions = true,
    version = "Byline 0.1.0",
    description = "Full-text search server for news and article archives.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      IndexCommand.class,
      SearchCommand.class,
      StatsCommand.class,
      ExtractCommand.class,
      SnapshotCommand.class,
      ReindexCommand.class,
      StoriesCommand.class,
      RestoreCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Byline implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (for tests: no System.exit). */
  public static int run(String... args) {
    return run(System.getenv(), args);
  }

  /** As {@link #run(String...)}, with the environment given (a seam for tests). */
  public static int run(java.util.Map<String, String> env, String... args) {
    CommandLine cli = new CommandLine(new Byline());
    try {
      ConfigDefaults defaults = ConfigDefaults.load(args, env);
      defaults.checkKeys(cli);
      cli.setDefaultValueProvider(defaults);
    } catch (InvalidConfigException e) {
      cli.getErr().println("byline: " + e.getMessage());
      return 2;
    }
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          String message = userMessage(e);
          if (message == null) {
            throw e;
          }
          commandLine.getErr().println("byline: " + message);
          return 2;
        });
    return cli.execute(args);
  }

  /** The message for errors that are the user's or the environment's, not Byline's bugs. */
  static String userMessage(Exception e) {
    if (e instanceof InvalidRequestException
        || e instanceof InvalidConfigException
        || e instanceof SchemaMismatchException
        || e instanceof IndexLockedException
        || e instanceof ReindexConflictException) {
      return e.getMessage();
    }
    if (e instanceof UncheckedIOException u) {
      return userMessage(u.getCause());
    }
    if (e instanceof java.nio.file.AccessDeniedException denied) {
      // Its message is the path alone ("byline: /data/index"), which says nothing of why.
      return "permission denied: "
          + denied.getFile()
          + (denied.getReason() == null ? "" : " (" + denied.getReason() + ")")
          + ": the data directory must be writable by the user running Byline";
    }
    if (e instanceof NoSuchFileException n) {
      return "no such file: " + n.getFile();
    }
    if (e instanceof java.io.IOException io) {
      return io.getMessage();
    }
    return null;
  }
}
