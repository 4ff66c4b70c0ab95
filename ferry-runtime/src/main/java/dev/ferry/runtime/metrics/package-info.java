/** Figures plugins offer to the agent's metrics, kept per component and read when metrics are collected. */
package dev.ferry.runtime.metrics;
