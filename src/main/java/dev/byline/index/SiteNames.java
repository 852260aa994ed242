package dev.byline.index;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The name of the site a web address belongs to, as a reader would type it: the label before the
 * public suffix of its host ({@code nytimes} of {@code www.nytimes.com}, {@code bbc} of {@code
 * news.bbc.co.uk}). Not a full public-suffix list: a country's common second levels ({@code
 * co.uk}, {@code com.br}) are recognised, which covers the news sites people name.
 */
final class SiteNames {
  private SiteNames() {}

  /** Second-level labels under a country's domain that are a suffix, not a site. */
  private static final Set<String> SECOND_LEVELS =
      Set.of("co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go", "gob", "nic", "gv");

  /** Longest host read: a host name has at most 253 characters. */
  private static final int MAX_HOST_CHARS = 253;

  /**
   * The site's name in {@code url}, lower case, or null when there is none: no address, not an
   * http(s) address, an IP address, or a host of one label.
   */
  static String of(String url) {
    if (url == null) return null;
    String host;
    try {
      host = URI.create(url.strip()).getHost();
    } catch (IllegalArgumentException e) {
      return null; // addresses were checked when written; an old one may not parse
    }
    if (host == null || host.isEmpty() || host.length() > MAX_HOST_CHARS) return null;
    host = host.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
    if (host.startsWith("[") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')))
      return null;
    String[] labels = host.split("\\.", -1);
    int n = labels.length;
    if (n < 2) return null;
    boolean countrySuffix =
        n >= 3 && labels[n - 1].length() == 2 && SECOND_LEVELS.contains(labels[n - 2]);
    String site = labels[countrySuffix ? n - 3 : n - 2];
    return site.isEmpty() ? null : site;
  }
}
