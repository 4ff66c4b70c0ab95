/** The dead-letter store's file format: framed records with a checksum, in numbered segment files. */
package dev.ferry.runtime.deadletter.internal;
