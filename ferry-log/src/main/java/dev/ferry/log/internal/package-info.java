/**
 * How the durable log works inside: segment files and their scanner, the group-commit writer thread, recovery,
 * cursors' persisted positions, the eviction journal, quarantine. Not for use outside {@code dev.ferry.log}.
 */
package dev.ferry.log.internal;
