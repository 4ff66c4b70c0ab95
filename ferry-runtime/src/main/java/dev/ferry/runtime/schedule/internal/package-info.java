/** How sources are run; use {@link dev.ferry.runtime.schedule.SourceRunner} and its scheduler instead. */
package dev.ferry.runtime.schedule.internal;
