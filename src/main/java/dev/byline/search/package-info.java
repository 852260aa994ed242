/**
 * From a request to hits: {@link dev.byline.search.SearchRequest} validates parameters (for HTTP
 * and the command line alike), {@code QueryBuilder} turns them into Lucene queries, {@link
 * dev.byline.search.ArticleSearch} runs query, sort, paging and facet counting in one pass, and
 * {@code Snippets} highlights the page from offsets stored in the index.
 */
package dev.byline.search;
