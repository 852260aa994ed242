/**
 * Stories: groups of syndicated copies and near-duplicates of one article. {@link
 * dev.byline.story.StorySignature} is what an article's body is compared by (a normalised body
 * hash for exact copies, word shingles for the exact similarity, MinHash bands for finding
 * candidates); {@link dev.byline.story.StoryDetector} decides, from the candidates a lookup
 * returns, which story an article joins. Where signatures are stored and how candidates are found
 * is the index's business ({@code dev.byline.index}).
 */
package dev.byline.story;
