package dev.byline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration: defaults < config file < environment < flags, and bad values stop start-up naming them. */
class ConfigTest {
  @TempDir Path dir;

  static CliTest.Run serve(Map<String, String> env, String... extra) {
    List<String> args = new ArrayList<>(List.of("serve", "--print-config"));
    args.addAll(List.of(extra));
    return CliTest.run(env, args.toArray(String[]::new));
  }

  static JsonNode json(CliTest.Run run) throws Exception {
    assertThat(run.status()).as(run.toString()).isZero();
    return new ObjectMapper().readTree(run.out());
  }

  @Test
  void writes_open_to_the_network_are_said_so_at_start() throws Exception {
    // An outside hunt: --api-key '' (or an unset variable in a compose file) opened writes
    // without a word. Reachable from elsewhere, that is said on start; on this machine, not.
    CliTest.Run open = serve(Map.of(), "--host", "0.0.0.0", "--api-key", "");
    assertThat(json(open).get("api_key").isNull()).isTrue();
    assertThat(open.err()).contains("no API key is set").contains("0.0.0.0");
    assertThat(serve(Map.of(), "--host", "0.0.0.0", "--api-key", "k").err())
        .doesNotContain("no API key");
    assertThat(serve(Map.of(), "--api-key", "").err()).doesNotContain("no API key");
  }

  @Test
  void each_source_overrides_the_one_before() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("byline.properties"),
            "port = 9001\nsearch-timeout-ms = 1234\nmax-clauses = 2048\n");
    JsonNode defaults = json(serve(Map.of()));
    assertThat(defaults.get("port").asInt()).isEqualTo(8080);
    assertThat(defaults.get("limits").get("search_timeout_ms").asLong()).isEqualTo(5000);

    JsonNode fromFile = json(serve(Map.of(), "--config", file.toString()));
    assertThat(fromFile.get("port").asInt()).isEqualTo(9001);
    assertThat(fromFile.get("limits").get("search_timeout_ms").asLong()).isEqualTo(1234);

    JsonNode fromEnv = json(serve(Map.of("BYLINE_CONFIG", file.toString(), "BYLINE_PORT", "9002")));
    assertThat(fromEnv.get("port").asInt()).isEqualTo(9002);
    assertThat(fromEnv.get("limits").get("max_clauses").asInt()).isEqualTo(2048);

    JsonNode fromFlag =
        json(
            serve(
                Map.of("BYLINE_CONFIG", file.toString(), "BYLINE_PORT", "9002"), "--port", "9003"));
    assertThat(fromFlag.get("port").asInt()).isEqualTo(9003);
    assertThat(fromFlag.get("limits").get("search_timeout_ms").asLong()).isEqualTo(1234);
  }

  @Test
  void story_detection_is_on_by_default_and_set_like_every_other_option() throws Exception {
    JsonNode defaults = json(serve(Map.of())).get("stories");
    assertThat(defaults.get("detect").asBoolean()).isTrue();
    assertThat(defaults.get("threshold").asDouble())
        .isEqualTo(dev.byline.config.StorySettings.DEFAULT_THRESHOLD);

    Path file =
        Files.writeString(
            dir.resolve("stories.properties"), "stories = off\nstory-threshold = 0.7\n");
    JsonNode fromFile = json(serve(Map.of(), "--config", file.toString())).get("stories");
    assertThat(fromFile.get("detect").asBoolean()).isFalse();
    assertThat(fromFile.get("threshold").asDouble()).isEqualTo(0.7);

    JsonNode fromEnv =
        json(serve(Map.of("BYLINE_STORIES", "ON", "BYLINE_STORY_THRESHOLD", "0.6"))).get("stories");
    assertThat(fromEnv.get("detect").asBoolean()).isTrue();
    assertThat(fromEnv.get("threshold").asDouble()).isEqualTo(0.6);

    CliTest.Run badSwitch = serve(Map.of(), "--stories", "maybe");
    assertThat(badSwitch.status()).isEqualTo(2);
    assertThat(badSwitch.err()).contains("stories must be on or off (got: maybe)");

    CliTest.Run badThreshold = serve(Map.of(), "--story-threshold", "1.5");
    assertThat(badThreshold.status()).isEqualTo(2);
    assertThat(badThreshold.err()).contains("story-threshold must be > 0 and <= 1 (got: 1.5)");
  }

  @Test
  void semantic_search_is_off_by_default_and_one_switch_turns_it_on() throws Exception {
    assertThat(json(serve(Map.of())).get("semantic").asBoolean()).isFalse();
    assertThat(json(serve(Map.of(), "--semantic")).get("semantic").asBoolean()).isTrue();
    assertThat(json(serve(Map.of("BYLINE_SEMANTIC", "true"))).get("semantic").asBoolean()).isTrue();
    Path file = Files.writeString(dir.resolve("semantic.properties"), "semantic = true\n");
    assertThat(json(serve(Map.of(), "--config", file.toString())).get("semantic").asBoolean())
        .isTrue();
  }

  /** The model is MiniLM unless another that ships is named; any other name stops the start. */
  @Test
  void the_semantic_model_is_minilm_by_default_and_only_a_shipped_one_is_accepted()
      throws Exception {
    assertThat(json(serve(Map.of())).get("semantic_model").asText()).isEqualTo("minilm");
    assertThat(
            json(serve(Map.of(), "--semantic", "--semantic-model", "BGE-small"))
                .get("semantic_model")
                .asText())
        .isEqualTo("bge-small");
    assertThat(
            json(serve(Map.of("BYLINE_SEMANTIC_MODEL", "bge-small")))
                .get("semantic_model")
                .asText())
        .isEqualTo("bge-small");
    CliTest.Run unknown = serve(Map.of(), "--semantic-model", "gpt");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("semantic-model").contains("'gpt'").contains("bge-small");
  }

  /** Warm-up is a serve option like the others (it was a JVM-wide system property before). */
  @Test
  void warm_up_is_60_s_at_most_by_default_and_set_like_every_other_option() throws Exception {
    assertThat(json(serve(Map.of())).get("warmup_ms").asLong()).isEqualTo(60_000);
    assertThat(json(serve(Map.of("BYLINE_WARMUP_MS", "15000"))).get("warmup_ms").asLong())
        .isEqualTo(15_000);
    assertThat(json(serve(Map.of(), "--warmup-ms", "200")).get("warmup_ms").asLong())
        .isEqualTo(200);
    CliTest.Run negative = serve(Map.of(), "--warmup-ms", "-1");
    assertThat(negative.status()).isEqualTo(2);
    assertThat(negative.err()).contains("warmup-ms must be >= 0 (got: -1)");
  }

  @Test
  void the_api_key_is_never_printed() throws Exception {
    JsonNode config = json(serve(Map.of("BYLINE_API_KEY", "s3cret")));
    assertThat(config.get("api_key").asText()).isEqualTo("(set)");
  }

  @Test
  void bad_values_stop_start_up_with_a_message_that_names_them() throws Exception {
    CliTest.Run notANumber = serve(Map.of("BYLINE_PORT", "eighty"));
    assertThat(notANumber.status()).isEqualTo(2);
    assertThat(notANumber.err()).contains("--port").contains("eighty");

    CliTest.Run outOfRange = serve(Map.of(), "--search-timeout-ms", "0");
    assertThat(outOfRange.status()).isEqualTo(2);
    assertThat(outOfRange.err()).contains("search-timeout-ms must be between");

    // Checked in MiB, before the conversion to bytes could overflow into a negative number.
    CliTest.Run huge = serve(Map.of(), "--result-cache-mb", "99999999999999");
    assertThat(huge.status()).isEqualTo(2);
    assertThat(huge.err())
        .contains("result-cache-mb must be between 0 and 1000000 (got: 99999999999999)");
    // 2^44 MiB overflowed to 0 bytes and turned the disk guard off without a word (an outside
    // hunt); Long.MAX_VALUE read as -1.
    for (String mb : new String[] {"17592186044416", "9223372036854775807"}) {
      CliTest.Run overflow = serve(Map.of(), "--min-free-disk-mb", mb);
      assertThat(overflow.status()).as(mb).isEqualTo(2);
      assertThat(overflow.err()).as(mb).contains("min-free-disk-mb must be between 0 and");
    }

    Path typo = Files.writeString(dir.resolve("typo.properties"), "prot = 9001\n");
    CliTest.Run unknown = serve(Map.of(), "--config", typo.toString());
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown setting prot");

    CliTest.Run missing = serve(Map.of(), "--config", dir.resolve("nope.properties").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("cannot read config file");
  }

  @Test
  void the_demo_ignores_byline_data_and_stays_throwaway_unless_data_is_typed() {
    java.util.Map<String, String> env = java.util.Map.of("BYLINE_DATA", "/somewhere/index-data");
    picocli.CommandLine cli = new picocli.CommandLine(new dev.byline.Byline());
    cli.setDefaultValueProvider(ConfigDefaults.load(new String[] {"demo"}, env));
    picocli.CommandLine.ParseResult demo = cli.parseArgs("demo");
    assertThat(((DemoCommand) demo.subcommand().commandSpec().userObject()).dataDir).isNull();
    picocli.CommandLine typed = new picocli.CommandLine(new dev.byline.Byline());
    typed.setDefaultValueProvider(
        ConfigDefaults.load(new String[] {"demo", "--data", "/kept"}, env));
    picocli.CommandLine.ParseResult kept = typed.parseArgs("demo", "--data", "/kept");
    assertThat(((DemoCommand) kept.subcommand().commandSpec().userObject()).dataDir)
        .isEqualTo(java.nio.file.Path.of("/kept"));
  }

  @Test
  void a_taken_port_is_one_clear_line_and_exit_2() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliTest.Run r =
          CliTest.run(
              java.util.Map.of(),
              "serve",
              "--port",
              Integer.toString(taken.getLocalPort()),
              "--data",
              dir.resolve("d").toString());
      assertThat(r.status()).isEqualTo(2);
      assertThat(r.err())
          .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .contains("--port")
          .doesNotContain("\tat ");
    }
  }
}
