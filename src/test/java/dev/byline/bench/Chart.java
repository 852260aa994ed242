package dev.byline.bench;

import java.util.Locale;
import java.util.Map;

/** A small SVG bar chart of Byline-to-raw-Lucene ratios, with the 0.8 target drawn across. */
final class Chart {
  private Chart() {}

  static String svg(Map<String, Double> ratios) {
    int barWidth = 44;
    int gap = 14;
    int height = 260;
    int top = 30;
    int plot = 180;
    int width = 60 + ratios.size() * (barWidth + gap);
    double max =
        Math.max(1.2, ratios.values().stream().mapToDouble(Double::doubleValue).max().orElse(1));
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
            width,
            height));
    svg.append(
        "<text x=\"10\" y=\"18\" font-size=\"13\">Byline / raw Lucene (QPS; indexing: articles/s). Target line: 0.8</text>\n");
    int x = 50;
    for (Map.Entry<String, Double> e : ratios.entrySet()) {
      int h = (int) Math.round(plot * e.getValue() / max);
      String color = e.getValue() >= 0.8 ? "#2e7d32" : "#c62828";
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
              x,
              top + plot - h,
              barWidth,
              h,
              color));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%.2f</text>%n",
              x + barWidth / 2,
              top + plot - h - 4,
              e.getValue()));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"9\">%s</text>%n",
              x + barWidth / 2,
              top + plot + 14,
              e.getKey()));
      x += barWidth + gap;
    }
    int y = top + plot - (int) Math.round(plot * 0.8 / max);
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"40\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>%n",
            y,
            width - 10,
            y));
    svg.append("</svg>\n");
    return svg.toString();
  }
}
