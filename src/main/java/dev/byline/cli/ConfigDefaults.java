package dev.byline.cli;

import dev.byline.config.InvalidConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where an option's value comes from when it is not on the command line: the environment ({@code
 * BYLINE_} and the option's long name in capitals, {@code --search-timeout-ms} →
 * {@code BYLINE_SEARCH_TIMEOUT_MS}), then the config file ({@code --config FILE} or {@code
 * BYLINE_CONFIG}: Java properties, keys are long option names, {@code search-timeout-ms = 2000}),
 * then the built-in default. So: defaults &lt; file &lt; environment &lt; flags.
 */
public final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
  private final Map<String, String> env;
  private final Properties file;
  private final Path path;

  private ConfigDefaults(Map<String, String> env, Properties file, Path path) {
    this.env = env;
    this.file = file;
    this.path = path;
  }

  /** Reads the config file named by {@code --config} in the arguments or by BYLINE_CONFIG. */
  public static ConfigDefaults load(String[] args, Map<String, String> env) {
    String name = env.get("BYLINE_CONFIG");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) name = args[i + 1];
      else if (args[i].startsWith("--config=")) name = args[i].substring("--config=".length());
    }
    Properties props = new Properties();
    Path path = null;
    if (name != null && !name.isBlank()) {
      path = Path.of(name);
      try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        props.load(in);
      } catch (IOException e) {
        throw new InvalidConfigException("cannot read config file " + path + ": " + e.getMessage());
      }
    }
    return new ConfigDefaults(env, props, path);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.longestName().equals("--config")) return null;
    // The demo's index is throwaway unless --data is typed: BYLINE_DATA (which bin/byline sets
    // for every command) must not turn it into the user's own data directory.
    if (option.longestName().equals("--data") && "demo".equals(option.command().name()))
      return null;
    String key = option.longestName().replaceFirst("^--", "");
    String fromEnv = env.get("BYLINE_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
    if (fromEnv != null && !fromEnv.isBlank()) return fromEnv;
    String fromFile = file.getProperty(key);
    return fromFile == null ? null : fromFile.strip();
  }

  /** Refuses a config file with a key no command knows (a typo would otherwise go unnoticed). */
  public void checkKeys(CommandLine root) {
    Set<String> known = new HashSet<>();
    collect(root.getCommandSpec(), known);
    Set<String> unknown = new TreeSet<>();
    for (String key : file.stringPropertyNames()) if (!known.contains(key)) unknown.add(key);
    if (!unknown.isEmpty()) {
      throw new InvalidConfigException(
          "unknown setting"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown)
              + " in "
              + path
              + " (settings are long option names, e.g. port, search-timeout-ms)");
    }
  }

  private static void collect(CommandSpec spec, Set<String> known) {
    for (OptionSpec option : spec.options())
      known.add(option.longestName().replaceFirst("^--", ""));
    for (CommandLine sub : spec.subcommands().values()) collect(sub.getCommandSpec(), known);
  }
}
