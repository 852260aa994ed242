package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SiteNamesTest {
  @Test
  void the_site_is_the_label_before_the_public_suffix() {
    assertThat(SiteNames.of("https://www.nytimes.com/2024/05/01/us/debt.html"))
        .isEqualTo("nytimes");
    assertThat(SiteNames.of("https://news.bbc.co.uk/1/hi/world.stm")).isEqualTo("bbc");
    assertThat(SiteNames.of("http://ARSTECHNICA.COM./x")).isEqualTo("arstechnica");
    assertThat(SiteNames.of("https://www1.folha.uol.com.br/esporte/x.shtml")).isEqualTo("uol");
    assertThat(SiteNames.of("https://example.org:8443/a?b=c")).isEqualTo("example");
  }

  @Test
  void no_site_in_what_is_no_web_address_of_a_named_host() {
    for (String url :
        new String[] {
          null,
          "",
          "not a url",
          "https://localhost/x",
          "http://127.0.0.1/a",
          "http://[::1]/a",
          "mailto:someone@example.org",
          "https://x..y/",
          "https://." + "a".repeat(300) + ".com/"
        }) {
      assertThat(SiteNames.of(url)).as(url).isNull();
    }
  }
}
