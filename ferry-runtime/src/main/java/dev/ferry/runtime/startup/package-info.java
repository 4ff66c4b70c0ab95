/** Start-up code loaded apart from the running agent, so that its classes are unloaded once it is done. */
package dev.ferry.runtime.startup;
