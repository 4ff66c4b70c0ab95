/** Addresses the agent's own servers listen on. */
package dev.ferry.runtime.net;
