package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class SnippetsTest {
  private static Passage passage(int start, int end, int[]... matches) {
    Passage p = new Passage();
    p.setStartOffset(start);
    p.setEndOffset(end);
    for (int[] m : matches) p.addMatch(m[0], m[1], new BytesRef("x"), 1);
    return p;
  }

  @Test
  void markup_in_the_article_is_escaped_before_matches_are_marked() {
    String content = "<script>alert('x')</script> storm & <b>flood</b>";
    int storm = content.indexOf("storm");
    @SuppressWarnings("unchecked")
    List<String> out =
        (List<String>)
            new Snippets.EscapingFormatter()
                .format(
                    new Passage[] {passage(0, content.length(), new int[] {storm, storm + 5})},
                    content);
    assertThat(out)
        .containsExactly(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; <mark>storm</mark> &amp; &lt;b&gt;flood&lt;/b&gt;");
  }

  @Test
  void adjacent_matches_become_one_mark_and_whitespace_is_folded() {
    String content = "The sea wall\n\nheld.";
    @SuppressWarnings("unchecked")
    List<String> out =
        (List<String>)
            new Snippets.EscapingFormatter()
                .format(
                    new Passage[] {
                      passage(0, content.length(), new int[] {4, 7}, new int[] {8, 12})
                    },
                    content);
    assertThat(out).containsExactly("The <mark>sea wall</mark> held.");
  }
}
