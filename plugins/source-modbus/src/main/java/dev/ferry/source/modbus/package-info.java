/** The {@code modbus} source plugin: its provider and config. Non-null unless marked {@link dev.ferry.api.Nullable}. */
package dev.ferry.source.modbus;
