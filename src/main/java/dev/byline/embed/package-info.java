/**
 * Text into vectors, for search by meaning (issue 17). {@link dev.byline.embed.Embedder} is the one
 * small interface the index and the search side see; {@link dev.byline.embed.EmbeddingModel} names
 * the models that ship inside Byline's jar (int8, run on the CPU by ONNX Runtime, nothing
 * downloaded) and loads one. Nothing here is loaded unless semantic search is switched on. Depends
 * on {@code article} only.
 */
package dev.byline.embed;
