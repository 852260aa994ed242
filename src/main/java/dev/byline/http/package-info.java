/**
 * The HTTP API. {@link dev.byline.http.BylineServer} holds the route table, authenticates writes
 * and maps every error to {@code {"error", "message"}}; the handlers validate input and call the
 * index and search services. Nothing here imports Lucene.
 */
package dev.byline.http;
