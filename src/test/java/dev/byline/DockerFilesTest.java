package dev.byline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so the container files are checked against what the build really
 * makes: the jar they copy, the JVM flags they run with, the data directory they keep.
 */
class DockerFilesTest {
  private static String read(String path) throws Exception {
    return Files.readString(Path.of(path));
  }

  @Test
  void the_dockerfile_runs_the_jar_the_build_makes_with_the_launchers_flags() throws Exception {
    String dockerfile = read("docker/Dockerfile");
    String pom = read("pom.xml");
    String launcher = read("bin/byline");
    assertThat(pom).contains("<finalName>byline</finalName>");
    assertThat(dockerfile)
        .contains("COPY --from=build /src/target/byline.jar /opt/byline/byline.jar");
    assertThat(dockerfile)
        .contains("FROM maven:3.9-eclipse-temurin-25 AS build")
        .contains("FROM eclipse-temurin:25-jre");
    // The same JVM flags as bin/byline and the tests (pom's byline.jvm.flags).
    Matcher flags = Pattern.compile("<byline.jvm.flags>(.*)</byline.jvm.flags>").matcher(pom);
    assertThat(flags.find()).isTrue();
    for (String token : flags.group(1).split(" ")) {
      assertThat(dockerfile).contains("\"" + token + "\""); // an ENTRYPOINT argument
      assertThat(launcher).contains(token);
    }
    // bin/byline starts with an AOT cache when bin/aot-train has made one; the image has none (it
    // did not make a fresh server reach full speed sooner: README, Benchmarks).
    assertThat(launcher).contains("-XX:AOTCache=\"$here/target/byline.aot\"");
    assertThat(dockerfile).doesNotContain("AOTCache");
    // Neither runs with an unbounded heap.
    assertThat(dockerfile).contains("\"-XX:MaxRAMPercentage=50\"");
    assertThat(launcher).contains("-Xmx${BYLINE_HEAP:-1g}");
  }

  @Test
  void the_container_runs_as_a_user_keeps_data_in_a_volume_and_checks_health() throws Exception {
    String dockerfile = read("docker/Dockerfile");
    assertThat(dockerfile).contains("USER byline").doesNotContain("USER root");
    assertThat(dockerfile)
        .contains("BYLINE_DATA=/var/lib/byline")
        .contains("VOLUME [\"/var/lib/byline\"]");
    assertThat(dockerfile).containsPattern("HEALTHCHECK .*\\n.*http://127.0.0.1:8080/health");
    assertThat(dockerfile).contains("BYLINE_HOST=0.0.0.0"); // reachable from outside the container
    String compose = read("docker/compose.yaml");
    assertThat(compose)
        .contains("dockerfile: docker/Dockerfile")
        .contains("byline-data:/var/lib/byline")
        .contains("8080:8080");
  }

  /**
   * The cluster's compose file (issue 18) configures Byline only through settings that exist: each
   * {@code BYLINE_*} variable it sets is a real {@code serve} option (the environment names them
   * so, see the README's Configuration). Three KRaft brokers keep every record on 3 and
   * acknowledge at 2; three nodes with their own ids and volumes; HAProxy checks {@code /health}.
   */
  @Test
  void the_cluster_compose_file_sets_real_serve_options_and_checks_health() throws Exception {
    String compose = read("docker/compose.cluster.yaml");
    var serve =
        new picocli.CommandLine(new Byline()).getSubcommands().get("serve").getCommandSpec();
    Matcher env = Pattern.compile("\\b(BYLINE_[A-Z_]+):").matcher(compose);
    java.util.Set<String> names = new java.util.TreeSet<>();
    while (env.find()) names.add(env.group(1));
    assertThat(names).contains("BYLINE_KAFKA", "BYLINE_TOPIC", "BYLINE_NODE_ID");
    for (String name : names) {
      String option =
          "--"
              + name.substring("BYLINE_".length())
                  .toLowerCase(java.util.Locale.ROOT)
                  .replace('_', '-');
      assertThat(serve.findOption(option)).as(name + " is serve's " + option).isNotNull();
    }
    assertThat(compose)
        .contains("image: apache/kafka:4.3.1")
        .contains("KAFKA_PROCESS_ROLES: \"broker,controller\"")
        .contains("KAFKA_DEFAULT_REPLICATION_FACTOR: \"3\"")
        .contains("KAFKA_MIN_INSYNC_REPLICAS: \"2\"")
        .contains("dockerfile: docker/Dockerfile")
        .contains("./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg");
    for (int n = 1; n <= 3; n++) {
      assertThat(compose)
          .contains("kafka-" + n + ":")
          .contains("BYLINE_NODE_ID: \"byline-" + n + "\"")
          .contains("byline-" + n + ":/var/lib/byline");
    }
    // The pom's Kafka client is the brokers' version.
    assertThat(read("pom.xml")).contains("<kafka.version>4.3.1</kafka.version>");
    String haproxy = read("docker/haproxy.cfg");
    assertThat(haproxy)
        .contains("option httpchk GET /health")
        .contains("http-check expect status 200")
        .contains("option redispatch");
    for (int n = 1; n <= 3; n++) {
      assertThat(haproxy).contains("server byline-" + n + " byline-" + n + ":8080 check");
    }
  }
}
