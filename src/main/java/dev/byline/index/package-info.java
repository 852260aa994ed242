/**
 * The index on disk. {@link dev.byline.index.Schema} says how an article becomes a Lucene document;
 * {@link dev.byline.index.ArticleIndex} is the one owner of the writer, the commits and the
 * searcher lifecycle; {@link dev.byline.index.ArticleSearcher} is one point-in-time view with the
 * state built once per refresh. Nothing outside this package touches an IndexWriter.
 */
package dev.byline.index;
