/**
 * Ferry's public contracts: what a reading is, how sources produce readings and sinks deliver them,
 * how components report health. Everything here is non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.api;
