/**
 * The index on disk. {@link dev.byline.index.Schema} says how an article becomes a Lucene document;
 * {@link dev.byline.index.ArticleIndex} is what everyone else calls. {@code Generations} is the one
 * owner of the generations (which is live, which is kept in step for rollback, the swap and its
 * lock). A write goes through {@code WriteGuard} (disk space, a failed writer) to the live {@code
 * IndexGeneration} (the writer of one folder), which makes it durable with its {@code Durability}
 * (write-ahead log, commits, replay on open) and visible with its {@code Searchers} (searcher
 * manager, refresh thread, the wait to be searchable), and copies it to its {@code Mirror} while a
 * reindex runs; {@code WriterRecovery} decides when a failed writer is reopened; {@link
 * dev.byline.index.Reindexer} builds and checks generations offline, {@link
 * dev.byline.index.OnlineReindex} online with the same steps and checks; {@link
 * dev.byline.index.Snapshots} copies and restores them. With semantic search on, {@code
 * EmbeddingPipeline} gives articles their vectors after their writes are acknowledged: it finds
 * those without one, claims them in the live generation, embeds them and adds the vectors through
 * the generation's writer, which drops a claim that a write of the id overtook. {@link dev.byline.index.ArticleSearcher} is
 * one point-in-time view with the state built once per refresh. Where things are on disk is {@link
 * dev.byline.config.DataDir}'s. Nothing outside this package touches an IndexWriter.
 */
package dev.byline.index;
