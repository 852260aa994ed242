package dev.byline.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules that decide how much of a page is the article's body, each on a small page written for
 * it: what is kept, and what stays out.
 */
class BodyRulesTest {
  private static String body(String bodyHtml) {
    String html =
        "<html><head><title>Harbour news</title></head><body>" + bodyHtml + "</body></html>";
    return Extractor.extract(html.getBytes(StandardCharsets.UTF_8), Extractor.Format.HTML, null)
        .body;
  }

  private static String sentence(String subject, int n) {
    return subject
        + " reported on day "
        + n
        + " that the harbour wall held through the storm, and that the"
        + " crews would return to the southern end once the tide had gone out again.";
  }

  @Test
  void a_cookie_banner_before_a_short_article_stays_out() {
    // A newcomer's page (7 December): three paragraphs in <article>, a banner before it. The
    // strict pass removed the banner by its name and found under 500 characters; a lenient pass
    // kept it and, finding 15 characters more, won.
    String b =
        body(
            "<div class='cookie-banner'>We use cookies. <button>Accept all</button></div>"
                + "<nav><a href='/'>Home</a> <a href='/culture'>Culture</a></nav><article>"
                + "<h1>Orchestra plays in the salt mine</h1><p class='byline'>By Erik Sand</p>"
                + "<p>The chamber orchestra played a concert two hundred metres underground in"
                + " the old salt mine on Saturday, for three hundred people in hard hats.</p>"
                + "<p>The conductor said the acoustics of the great hall were unlike anything"
                + " the players had known, with a long, warm echo.</p>"
                + "<p>Tickets for a second concert sold out within an hour.</p></article>");
    assertThat(b).startsWith("The chamber orchestra").doesNotContain("cookies");
    assertThat(b).contains("sold out within an hour");
  }

  @Test
  void text_in_a_div_that_holds_only_text_is_kept() {
    String b =
        body(
            "<main><h1>Harbour prices</h1><div class=\"intro\"><p>"
                + sentence("The council", 1)
                + "</p>"
                + "<p>"
                + sentence("The harbour master", 2)
                + "</p></div><div class=\"price-table\">"
                + "<div class=\"row\"><div class=\"item\">Mooring for a small boat</div><div class=\"price\">$40 a night</div></div>"
                + "<div class=\"row\"><div class=\"item\">Mooring for a large boat</div><div class=\"price\">$90 a night</div></div>"
                + "</div><p>"
                + sentence("The quay keeper", 3)
                + "</p></main>");
    assertThat(b)
        .contains(
            "Mooring for a small boat",
            "$40 a night",
            "Mooring for a large boat",
            "The quay keeper");
  }

  @Test
  void a_read_more_link_under_each_item_does_not_end_the_article() {
    StringBuilder items = new StringBuilder();
    for (int i = 1; i <= 6; i++) {
      items
          .append("<section class=\"item\"><h4>Story ")
          .append(i)
          .append(" about the harbour</h4><p>")
          .append(sentence("Paper " + i, i))
          .append("</p><p><a href=\"/s")
          .append(i)
          .append("\">Read more</a></p></section>");
    }
    String b = body("<main><h1>In the news</h1>" + items + "</main>");
    assertThat(b).contains("Paper 1 reported", "Paper 6 reported").doesNotContain("Read more");
  }

  @Test
  void a_newsletter_box_in_the_middle_of_the_story_does_not_end_it() {
    String b =
        body(
            "<article><h1>Harbour wall</h1><p>"
                + sentence("The council", 1)
                + "</p>"
                + "<p>Sign up for our newsletter</p><p>"
                + sentence("The harbour master", 2)
                + "</p><p>"
                + sentence("The quay keeper", 3)
                + "</p><p>"
                + sentence("The mayor", 4)
                + "</p></article>");
    assertThat(b).contains("The council reported", "The mayor reported").doesNotContain("Sign up");
  }

  @Test
  void a_related_heading_after_the_story_still_ends_it() {
    String b =
        body(
            "<article><h1>Harbour wall</h1><p>"
                + sentence("The council", 1)
                + "</p><p>"
                + sentence("The harbour master", 2)
                + "</p><p>"
                + sentence("The quay keeper", 3)
                + "</p>"
                + "<h3>Related stories</h3><p>Boats return to the bay as summer starts, and the ferry adds a second daily crossing.</p></article>");
    assertThat(b).contains("The quay keeper").doesNotContain("Related", "ferry");
  }

  @Test
  void a_list_styled_by_a_utility_class_named_list_stays_in_the_article() {
    String b =
        body(
            "<article><h1>Harbour services</h1><p>"
                + sentence("The council", 1)
                + "</p>"
                + "<p>The harbour offers these services to boats:</p><ul class=\"list-disc pl-5\"><li>Mooring by the night</li>"
                + "<li>Fresh water at the quay</li><li>Fuel from the pier</li></ul><p>"
                + sentence("The harbour master", 2)
                + "</p></article>");
    assertThat(b).contains("Mooring by the night", "Fuel from the pier", "The harbour master");
  }

  @Test
  void a_section_whose_id_is_its_headings_anchor_is_not_furniture() {
    String b =
        body(
            "<div class=\"document\"><h1>Harbour guide</h1><p>"
                + sentence("The council", 1)
                + "</p>"
                + "<div class=\"section\" id=\"sharing-the-quay\"><h2>Sharing the quay</h2><p>"
                + sentence("The harbour master", 2)
                + "</p><p>"
                + sentence("The quay keeper", 3)
                + "</p></div><div class=\"share\" id=\"share-bar\"><h2>Share</h2><p>"
                + "Send this guide to a friend by mail or post it on your favourite network today.</p></div></div>");
    assertThat(b)
        .contains("The harbour master", "The quay keeper")
        .doesNotContain("Send this guide");
    assertThat(
            Furniture.isSectionAnchor(
                org.jsoup.Jsoup.parse("<div id=\"related-stories\"><h3>Most read</h3></div>")
                    .selectFirst("div")))
        .isFalse();
  }

  private static String paragraphs(String prefix, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i <= count; i++)
      out.append("<p>").append(sentence(prefix + " " + i, i)).append("</p>");
    return out.toString();
  }

  @Test
  void a_page_builders_widget_class_does_not_count_against_the_article() {
    String b =
        body(
            "<h1>Harbour wall</h1><div class=\"layout\"><div class=\"widget widget_custom\">"
                + paragraphs("Reporter", 4)
                + "</div><div class=\"about-box\"><p>The harbour society meets on the first"
                + " Monday of every month in the old net loft above the quay office and new members"
                + " are always welcome there whatever boat they sail and wherever they moor it for"
                + " the winter months when the society also runs its courses on knots and charts and"
                + " engines and the safety of small boats at sea for members old and new alike and"
                + " for their families and friends who may come along to any of the evenings without"
                + " paying anything at all for the tea or the biscuits that are laid out on the table"
                + " by the stairs</p></div></div>");
    assertThat(b).contains("Reporter 1 reported", "Reporter 4 reported");
  }

  @Test
  void articles_side_by_side_are_teasers_not_the_article() {
    StringBuilder teasers = new StringBuilder();
    for (int i = 1; i <= 3; i++) {
      teasers
          .append("<article class=\"item\"><h3><a href=\"/t")
          .append(i)
          .append("\">Other story ")
          .append(i)
          .append("</a></h3><div class=\"excerpt\">Teaser ")
          .append(i)
          .append(" says the ferry will add a second crossing each day once the summer timetable")
          .append(" starts next month</div></article>");
    }
    String b =
        body(
            "<h1>Harbour wall</h1><div class=\"columns\"><div class=\"col-a\">"
                + paragraphs("Reporter", 3)
                + "</div><div class=\"rail\">"
                + teasers
                + "</div></div>");
    assertThat(b).contains("Reporter 1 reported", "Reporter 3 reported").doesNotContain("Teaser");
  }

  @Test
  void the_block_holding_the_best_candidate_is_never_cleaned_away() {
    StringBuilder prices = new StringBuilder();
    for (int i = 1; i <= 7; i++) {
      prices
          .append("<div class=\"price-row\"><p>Mooring for a boat of ")
          .append(i * 2)
          .append(
              " metres by the night, with water and power at the quay.</p><div class=\"price\">$")
          .append(i * 10)
          .append("</div></div>");
    }
    String b =
        body(
            "<h1>Harbour prices</h1><div class=\"layout\"><div class=\"prices\">"
                + prices
                + "</div><div class=\"media-panel\"><div class=\"copy\">"
                + paragraphs("Reporter", 5)
                + "</div></div></div>");
    assertThat(b)
        .contains("Mooring for a boat of 2 metres", "Reporter 1 reported", "Reporter 5 reported");
  }

  @Test
  void the_headline_repeated_at_the_head_of_the_body_is_not_a_paragraph() {
    String b =
        body(
            "<main><div class=\"hero\"><p class=\"big\">Harbour news</p></div>"
                + paragraphs("Reporter", 2)
                + "<p>Harbour news</p>"
                + paragraphs("Writer", 2)
                + "</main>");
    // Only at the head: further down, the same words are the text's own.
    assertThat(b).startsWith("Reporter 1 reported").contains("\n\nHarbour news\n\n");
  }

  @Test
  void a_story_split_into_blocks_alike_is_kept_whole() {
    String intro =
        "<p>The harbour wall that was built in the old days of sail held through the night of"
            + " the storm and the town woke to calm water and a quay with no damage on it at all"
            + " while the boats rode out the weather in the inner basin</p>";
    String b =
        body(
            "<h1>Harbour wall</h1><div class=\"wrap\"><div>"
                + intro
                + "</div><div>"
                + paragraphs("Reporter", 10)
                + "</div><div class=\"promo\"><p>Book a harbour tour with us today and save a"
                + " great deal on the price of the second ticket for a friend</p></div></div>");
    assertThat(b)
        .startsWith("The harbour wall that was built")
        .contains("Reporter 10 reported")
        .doesNotContain("Book a harbour tour");
  }

  @Test
  void a_notice_written_as_a_sentence_ends_the_article_only_when_no_story_follows() {
    String b =
        body(
            "<article><h1>Harbour wall</h1>"
                + paragraphs("Reporter", 6)
                + "<p>Disclaimer: the figures in this story come from the harbour office and may"
                + " change when the office checks them again next week.</p>"
                + paragraphs("Writer", 2)
                + "</article>");
    assertThat(b).contains("Reporter 6 reported", "Writer 2 reported");
    String ended =
        body(
            "<article><h1>Harbour wall</h1>"
                + paragraphs("Reporter", 6)
                + "<p>Copyright 2024 The Harbour Gazette. All rights reserved.</p><p>Transcripts"
                + " of our radio reports are made in a hurry and may differ from the broadcast"
                + " itself in small ways.</p></article>");
    assertThat(ended).contains("Reporter 6 reported").doesNotContain("Transcripts");
  }

  @Test
  void a_caption_crediting_its_photo_after_a_colon_is_a_caption() {
    assertThat(LineRules.isCaption("The harbour wall at low tide. Photo by: 'Ann Lee'.")).isTrue();
    assertThat(LineRules.isCaption("The harbour wall at low tide. Photo by Ann Lee")).isTrue();
    assertThat(LineRules.isCaption(sentence("The council", 1))).isFalse();
  }

  @Test
  void an_about_the_author_box_marked_as_the_author_is_furniture() {
    org.jsoup.nodes.Document doc =
        org.jsoup.Jsoup.parse(
            "<div class=\"post\"><div class=\"entry\">"
                + paragraphs("Reporter", 3)
                + "</div><div class=\"box-9\" itemscope itemtype=\"http://schema.org/Person\""
                + " itemprop=\"author\"><p>Ann Lee has written about the coast for twenty"
                + " years.</p></div></div>");
    Furniture.strip(doc.body(), false, doc.selectFirst("div.entry"));
    assertThat(doc.text()).contains("Reporter 3 reported").doesNotContain("twenty years");
  }

  @Test
  void a_paragraph_that_is_the_authors_bio_in_the_metadata_is_not_the_body() {
    String bio =
        "Ann Lee has written about the coast for twenty years, and lives by the harbour with"
            + " two dogs and a small boat.";
    String html =
        "<html><body><article><h1>Harbour wall</h1>"
            + paragraphs("Reporter", 5)
            + "<p>"
            + bio
            + "</p></article></body></html>";
    assertThat(MainContent.find(org.jsoup.Jsoup.parse(html), null, List.of()).body())
        .contains("twenty years");
    assertThat(MainContent.find(org.jsoup.Jsoup.parse(html), null, List.of(bio)).body())
        .contains("Reporter 5 reported")
        .doesNotContain("twenty years");
  }

  @Test
  void a_long_heading_that_reads_as_a_sentence_is_a_paragraph_and_a_dek_is_not() {
    String lead =
        "The harbour has long been known as a place where anyone with a boat and a little"
            + " patience could make a living, whatever family they were born into.";
    String dek =
        "In a season marked by storms, closures and rising costs, the harbour offers a quiet"
            + " lesson in how small towns keep going when the sea turns against them";
    String b =
        body(
            "<article><h1>Harbour wall</h1><h2>"
                + dek
                + "</h2><h2>"
                + lead
                + "</h2>"
                + paragraphs("Reporter", 5)
                + "</article>");
    assertThat(b).contains(lead, "Reporter 5 reported").doesNotContain("quiet lesson");
  }

  @Test
  void a_list_whose_items_hold_short_paragraphs_is_kept() {
    // A list scores -3 as a tag (it is rarely the article's root); two short paragraphs in its
    // items gave it back less than that, and the cleaner took the negative score for furniture.
    String b =
        body(
            "<article><h1>Harbour wall</h1>"
                + paragraphs("Reporter", 3)
                + "<ul><li><p>Check the mooring lines every morning</p></li>"
                + "<li><p>Keep the slipway clear of nets at night</p></li></ul>"
                + paragraphs("Keeper", 3)
                + "</article>");
    assertThat(b)
        .contains(
            "Check the mooring lines every morning",
            "Keep the slipway clear of nets at night",
            "Keeper 3 reported");
  }

  @Test
  void a_list_whose_items_are_sentences_with_links_is_prose_and_a_list_of_links_is_not() {
    // Items that begin as sentences and link some of their words: the story's own list, however
    // much of it the links cover. Items that are links, or a label and a link, are navigation.
    String b =
        body(
            "<article><h1>Harbour wall</h1>"
                + paragraphs("Reporter", 3)
                + "<ul><li>Ann has patches up to <a href=\"/1\">improve the tide gauge readings</a>,"
                + " and <a href=\"/2\">show a warning when the sensor fails</a></li>"
                + "<li>Bo fixed the brake of the <a href=\"/3\">crane that slipped in the cold</a></li></ul>"
                + paragraphs("Keeper", 3)
                + "<ul><li><a href=\"/4\">Storm closes the northern quay</a></li>"
                + "<li><a href=\"/5\">Ferry times change for the winter</a></li>"
                + "<li>See also: <a href=\"/6\">Ten years of the harbour festival</a></li></ul>"
                + "</article>");
    assertThat(b)
        .contains("Ann has patches up to", "show a warning when the sensor fails", "Bo fixed the")
        .doesNotContain("Storm closes", "Ferry times", "harbour festival");
  }

  @Test
  void paragraphs_that_all_end_in_a_bracket_are_not_captions() {
    // "[Xinhua]" closing a line is a photo's credit; the same closing nearly every paragraph is the
    // text's own citation style ("[M1]", "[MP3 SP]").
    StringBuilder cited = new StringBuilder();
    for (int i = 1; i <= 4; i++) {
      cited.append("<p>").append(sentence("Log " + i, i)).append(" [HL").append(i).append("]</p>");
    }
    String b =
        body("<article><h1>Harbour wall</h1>" + paragraphs("Reporter", 3) + cited + "</article>");
    assertThat(b).contains("Reporter 3 reported", "Log 1 reported", "Log 4 reported", "[HL4]");
    String captioned =
        body(
            "<article><h1>Harbour wall</h1>"
                + paragraphs("Reporter", 4)
                + "<p>The harbour wall at low tide on Monday morning. [Harbour Daily]</p>"
                + paragraphs("Keeper", 2)
                + "</article>");
    assertThat(captioned).contains("Keeper 2 reported").doesNotContain("low tide on Monday");
  }

  @Test
  void a_paragraph_that_is_only_the_authors_names_is_the_byline() {
    String html =
        "<html><body><article><h1>Harbour wall</h1><p>Ann Lee and Bo Chen</p>"
            + paragraphs("Reporter", 5)
            + "</article></body></html>";
    assertThat(
            MainContent.find(
                    org.jsoup.Jsoup.parse(html), null, List.of(), List.of("Ann Lee", "Bo Chen"))
                .body())
        .contains("Reporter 1 reported")
        .doesNotContain("Ann Lee");
    assertThat(MainContent.onlyNames("Ann Lee and Bo Chen", List.of("Ann Lee", "Bo Chen")))
        .isTrue();
    assertThat(MainContent.onlyNames("Ann Lee, Bo Chen", List.of("Ann Lee", "Bo Chen"))).isTrue();
    assertThat(MainContent.onlyNames("Ann Lee spoke to Bo Chen", List.of("Ann Lee", "Bo Chen")))
        .isFalse();
    assertThat(MainContent.onlyNames("Ann Lee", List.of("Ann Lee", "Bo Chen"))).isFalse();
  }

  @Test
  void a_class_name_saying_what_a_block_lacks_is_not_what_it_is() {
    // "no_caption" names a block without a caption, not a caption; "has-sidebar" a layout with one.
    String lead =
        "The harbour wall that held back the sea for a century gave way on Sunday night, and the"
            + " town woke to water in its streets.";
    String b =
        body(
            "<article><h1>Harbour wall</h1><div class=\"item no_caption\"><h2>"
                + lead
                + "</h2></div>"
                + paragraphs("Reporter", 4)
                + "</article>");
    assertThat(b).contains(lead, "Reporter 4 reported");
    assertThat(Furniture.withoutStates("item no_caption fig--has-shares")).isEqualTo("item  ");
  }

  @Test
  void articles_side_by_side_inside_the_article_are_teasers_and_go() {
    // A page's own text with a "latest news" strip in it, each teaser an <article>.
    StringBuilder teasers = new StringBuilder();
    for (int i = 1; i <= 3; i++) {
      teasers
          .append("<article class=\"latest\"><h3>News ")
          .append(i)
          .append("</h3><p>When the ferry crew signed up for the winter rota, they did not imagine")
          .append(" it would open the door to a&#8230;</p></article>");
    }
    String b =
        body(
            "<main><article><h1>Our harbour</h1><div class=\"sections\"><section>"
                + paragraphs("Reporter", 5)
                + "</section><section><div class=\"flex\">"
                + teasers
                + "</div></section></div></article></main>");
    assertThat(b).contains("Reporter 5 reported").doesNotContain("ferry crew");
  }

  @Test
  void an_h1_below_the_first_paragraph_is_a_section_heading_and_kept() {
    String b =
        body(
            "<article><h1>Harbour wall holds</h1><p>"
                + sentence("The council", 1)
                + "</p><h1>What the divers found</h1><p>"
                + sentence("The divers", 2)
                + "</p><p>"
                + sentence("The engineers", 3)
                + "</p></article>");
    assertThat(b).contains("What the divers found", "The divers", "The engineers");
    assertThat(b)
        .as("the headline is the title, not a paragraph")
        .doesNotContain("Harbour wall holds");
  }

  @Test
  void a_heading_written_as_a_link_above_prose_is_kept() {
    String b =
        body(
            "<article><h1>Harbour guide</h1><p>"
                + sentence("The council", 1)
                + "</p><h2><a href=\"#top\">The southern quay</a></h2><p>"
                + sentence("The harbour master", 2)
                + "</p><p>"
                + sentence("The ferry crew", 3)
                + "</p><h3><a href=\"/a\">More from the port</a></h3>"
                + "<ul><li><a href=\"/b\">Ferry timetable for the winter months</a></li>"
                + "<li><a href=\"/c\">Parking at the terminal and the old quay</a></li></ul>"
                + "</article>");
    assertThat(b).contains("The southern quay", "The harbour master");
    assertThat(b).as("a heading of a list of links is navigation").doesNotContain("More from");
  }

  @Test
  void the_standfirst_in_the_articles_header_is_kept() {
    String b =
        body(
            "<header class=\"site\"><a href=\"/\">Harbour Post</a></header><article>"
                + "<header><h1>Harbour wall holds</h1><p>"
                + sentence("The standfirst says the council", 1)
                + "</p></header><p>"
                + sentence("The divers", 2)
                + "</p><p>"
                + sentence("The engineers", 3)
                + "</p></article>");
    assertThat(b).contains("The standfirst says the council", "The divers", "The engineers");
    assertThat(b).doesNotContain("Harbour Post");
  }

  @Test
  void the_notes_the_text_points_to_are_kept_after_a_see_also() {
    StringBuilder paragraphs = new StringBuilder();
    StringBuilder notes = new StringBuilder();
    String[] who = {"The council", "The harbour master", "The quay keeper", "The divers"};
    for (int i = 1; i <= who.length; i++) {
      paragraphs
          .append("<p>")
          .append(sentence(who[i - 1], i))
          .append("<sup id=\"ref-")
          .append(i)
          .append("\"><a href=\"#note-")
          .append(i)
          .append("\">[")
          .append(i)
          .append("]</a></sup></p>");
      notes
          .append("<li id=\"note-")
          .append(i)
          .append("\"><a href=\"#ref-")
          .append(i)
          .append("\">^</a> <a href=\"/board\">Harbour Board</a> (199")
          .append(i)
          .append("). <a href=\"/report")
          .append(i)
          .append("\">Report number ")
          .append(i)
          .append(" on the wall</a>. Retrieved ")
          .append(i)
          .append(" May 2001.</li>");
    }
    String b =
        body(
            "<article><h1>Harbour wall</h1>"
                + paragraphs
                + "<h2>See also</h2><ul><li><a href=\"/walls\">Sea walls of the coast</a></li>"
                + "<li><a href=\"/tides\">Tides and their tables</a></li></ul>"
                + "<h2>Notes</h2><div class=\"reflist\"><ol>"
                + notes
                + "</ol></div></article>");
    assertThat(b).contains("The divers reported", "Report number 1 on the wall", "Retrieved 4 May");
    assertThat(b).as("the see-also list is still links").doesNotContain("Sea walls of the coast");
  }

  @Test
  void a_list_that_a_sliders_dots_point_to_is_not_notes() {
    String b =
        body(
            "<article><h1>Harbour wall</h1><p>"
                + sentence("The council", 1)
                + "</p><p>"
                + sentence("The harbour master", 2)
                + "</p><p>"
                + sentence("The quay keeper", 3)
                + "</p><ul class=\"slides\">"
                + "<li id=\"s1\"><a href=\"/a\">The lighthouse keepers retire after forty years</a></li>"
                + "<li id=\"s2\"><a href=\"/b\">A new ferry timetable starts on Monday</a></li></ul>"
                + "<ol><li><a href=\"#s1\">1</a></li><li><a href=\"#s2\">2</a></li></ol></article>");
    assertThat(b).contains("The quay keeper").doesNotContain("lighthouse keepers", "ferry");
  }

  @Test
  void closing_paragraphs_that_begin_with_an_authors_name_are_bios() {
    String html =
        "<html><body><article><h1>Harbour wall</h1>"
            + paragraphs("Reporter", 3)
            + "<p>Ann Lee, who wrote this, walked the wall herself at low tide and counted the"
            + " cracks that the divers had marked.</p>"
            + paragraphs("Engineer", 2)
            + "<p>Ann Lee is a reporter covering the coast and its harbours.</p>"
            + "<p>About the author: Bo Chen edits the paper's science pages.</p>"
            + "</article></body></html>";
    String b =
        MainContent.find(
                org.jsoup.Jsoup.parse(html), null, List.of(), List.of("Ann Lee", "Bo Chen"))
            .body();
    assertThat(b)
        .contains("Engineer 2 reported")
        .as("the story may name its author")
        .contains("walked the wall herself")
        .doesNotContain("reporter covering the coast", "science pages");
    assertThat(MainContent.isClosingBio("Lee is a reporter.", List.of("Lee")))
        .as("one word is not a full name")
        .isFalse();
  }

  @Test
  void a_heading_whose_section_holds_nothing_is_left_out() {
    String b =
        body(
            "<article><h1>Harbour guide</h1><p>"
                + sentence("The council", 1)
                + "</p><h2>Jump to:</h2><ul><li><a href=\"#quay\">The quay</a></li>"
                + "<li><a href=\"#ferry\">The ferry</a></li></ul>"
                + "<h2 id=\"quay\">The quay</h2><h3>Its history</h3><p>"
                + sentence("The harbour master", 2)
                + "</p><div class=\"product\"><h2>Brass Ship Bell, Set of 2</h2>"
                + "<a href=\"/shop\"><img src=\"bell.jpg\"></a><button>Shop now</button></div>"
                + "<h2 id=\"ferry\">The ferry</h2><p>"
                + sentence("The ferry crew", 3)
                + "</p></article>");
    assertThat(b)
        .contains("The quay", "Its history", "The ferry", "The ferry crew")
        .doesNotContain("Jump to", "Ship Bell");
  }
}
