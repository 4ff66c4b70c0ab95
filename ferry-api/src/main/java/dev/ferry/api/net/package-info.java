/** What plugins and the runtime share about network addresses written in a config. */
package dev.ferry.api.net;
