/** How the management endpoint works inside: handlers, the JSON and Prometheus views of one snapshot. */
package dev.ferry.management.internal;
