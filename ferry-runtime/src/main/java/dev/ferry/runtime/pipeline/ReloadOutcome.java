package dev.ferry.runtime.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What one reload of the config did.
 *
 * @param trigger what asked for it: {@code SIGHUP}, {@code file changed}, {@code POST /reload}, {@code remote}
 * @param messages for REFUSED, every problem as {@code file:line: key: message} or {@code key: reason}; for
 *     ROLLED_BACK, why a new component could not start
 * @param changes what the new config changed; what was applied when APPLIED, what was undone when ROLLED_BACK
 */
public record ReloadOutcome(Result result, String trigger, Instant at, List<String> messages, String changes) {

    public enum Result {
        /** The changes run. */
        APPLIED,
        /** The new config is the running one. */
        UNCHANGED,
        /** The new config is invalid or needs a restart; nothing was touched. */
        REFUSED,
        /** A new or changed component could not start; every change was undone and the previous set runs. */
        ROLLED_BACK;

        /** As in metrics and JSON: {@code rolled_back}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ReloadOutcome {
        messages = List.copyOf(messages);
    }

    /** One line for the log: {@code reload (SIGHUP) applied: sinks added: cloud}. */
    public String describe() {
        String head = "config reload (" + trigger + ") " + result.label().replace('_', ' ');
        return switch (result) {
            case APPLIED -> head + ": " + changes;
            case UNCHANGED -> head + ": the file equals the running config";
            case REFUSED -> head + ", the running pipeline is untouched:\n  " + String.join("\n  ", messages);
            case ROLLED_BACK -> head + " (" + changes + "), the previous config runs again: " + String.join("; ", messages);
        };
    }
}
