/**
 * Reading articles as they arrive: {@link dev.byline.ingest.RawItemReader}s stream items out of
 * JSON documents and JSON Lines, and {@link dev.byline.ingest.Ingest} validates them and hands the
 * good ones to a writer, reporting each bad one with its reason. Nothing here touches the index.
 */
package dev.byline.ingest;
