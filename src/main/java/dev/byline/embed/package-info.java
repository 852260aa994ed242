/**
 * Text into vectors, for search by meaning (issue 17). {@link dev.byline.embed.Embedder} is the one
 * small interface the index and the search side see; {@link dev.byline.embed.BgeSmallEmbedder} is
 * the model that ships inside Byline's jar (bge-small-en-v1.5, int8, run on the CPU by ONNX
 * Runtime, nothing downloaded). Nothing here is loaded unless semantic search is switched on.
 * Depends on {@code article} only.
 */
package dev.byline.embed;
