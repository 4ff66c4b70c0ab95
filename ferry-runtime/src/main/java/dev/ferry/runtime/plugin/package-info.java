/** Finding the source and sink plugins on the class path, by their {@code type:} name. */
package dev.ferry.runtime.plugin;
