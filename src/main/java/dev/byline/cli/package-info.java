/**
 * The command line: one class per command, each thin. Commands that write go through a running
 * server when there is one on the data directory ({@code RunningServer}: its {@code server.json}
 * and the index's write lock, waiting for a busy server), else open the index; commands that read
 * open the last commit read-only and take no lock.
 */
package dev.byline.cli;
