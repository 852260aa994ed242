package dev.byline.ingest.extract;

import java.util.function.ObjIntConsumer;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * A walk of a tree from the leaves up (each node after everything below it), without recursion:
 * what one pass computes for every element from its children (whether a block lies below it, how
 * much text it holds), where asking each element in turn walked its subtree once per level.
 */
final class LeavesFirst {
  private LeavesFirst() {}

  /** Calls {@code visit} with each node under {@code root}, {@code root} last, and its depth. */
  static void walk(Node root, ObjIntConsumer<Node> visit) {
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {}

          @Override
          public void tail(Node node, int depth) {
            visit.accept(node, depth);
          }
        },
        root);
  }
}
