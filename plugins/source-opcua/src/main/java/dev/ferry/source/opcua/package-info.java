/**
 * The {@code opcua} source plugin: its provider and config. Nothing here touches the OPC UA stack, so an agent
 * without an {@code opcua} source never loads it. Non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.source.opcua;
