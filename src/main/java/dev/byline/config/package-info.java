/**
 * Settings: immutable values with their defaults, validated when built; and {@link
 * dev.byline.config.DataDir}, the data directory's layout, which servers, commands and the index
 * all read from there. Depends on nothing else of Byline's.
 */
package dev.byline.config;
