/**
 * The management endpoint: an HTTP server on the JDK's {@code com.sun.net.httpserver} that answers {@code /health},
 * {@code /ready}, {@code /status} and {@code /metrics} from one snapshot of the running agent.
 *
 * <p>Everything here is non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.management;
