/** The Modbus source's request planning, decoding and links to devices. Non-null unless marked {@link dev.ferry.api.Nullable}. */
package dev.ferry.source.modbus.internal;
