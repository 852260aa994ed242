package dev.byline.article;

/** What writing one article did. */
public enum WriteStatus {
  /** The id was new. */
  CREATED,
  /** An article with the id existed and was replaced. */
  UPDATED
}
