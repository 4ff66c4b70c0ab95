/** The serial source's implementation: port handling, framing, decoding. Non-null unless marked {@link dev.ferry.api.Nullable}. */
package dev.ferry.source.serial.internal;
