/** Finding the source and sink plugins, on the class path or installed as folders of jars, by their {@code type:} name. */
package dev.ferry.runtime.plugin;
