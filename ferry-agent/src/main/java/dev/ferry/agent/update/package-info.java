/**
 * The self-update's work: download, verification, installation, the switch to the new version and the probation
 * that commits it or switches back. Start-up code in the sense of {@link dev.ferry.runtime.startup.StartupCode}:
 * loaded apart, with the bundle libraries, for as long as an update runs; reach it through
 * {@link dev.ferry.agent.UpdateJob} only.
 */
package dev.ferry.agent.update;
