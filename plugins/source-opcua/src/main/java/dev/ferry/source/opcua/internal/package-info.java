/** The opcua source's implementation on Eclipse Milo. Non-null unless marked {@link dev.ferry.api.Nullable}. */
package dev.ferry.source.opcua.internal;
