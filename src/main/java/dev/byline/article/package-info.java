/**
 * The vocabulary every other package shares: the {@link dev.byline.article.Article} record, its
 * JSON form and validation ({@link dev.byline.article.ArticleJson}), publication dates ({@link
 * dev.byline.article.DateParser}) and ids ({@link dev.byline.article.ArticleIds}). Depends on
 * nothing else of Byline's.
 */
package dev.byline.article;
