package dev.ferry.management;

import dev.ferry.api.Nullable;
import dev.ferry.runtime.pipeline.ReloadOutcome;
import java.nio.file.Path;

/** Reloads the agent's config when asked through the endpoint ({@code POST /reload}, and so {@code ferry reload}). */
@FunctionalInterface
public interface ReloadRequests {

    /**
     * Reads the config file again, checks it as {@code ferry check} does and applies what changed.
     *
     * @param configFile the file the asker means; a reload is refused when the agent runs another. Null: the
     *     agent's own.
     */
    ReloadOutcome reload(String trigger, @Nullable Path configFile);
}
