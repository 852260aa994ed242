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
}
