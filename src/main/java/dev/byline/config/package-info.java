/** Settings: immutable values with their defaults, validated when built. Depends on nothing else of Byline's. */
package dev.byline.config;
