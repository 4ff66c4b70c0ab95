package dev.ferry.runtime.health;

import dev.ferry.api.Health;
import dev.ferry.api.Nullable;

/**
 * Told about every change of a component's health (state or reason), once per change and in order for one
 * component. Called on the thread that reported the change; keep it short and do not report health from it.
 */
@FunctionalInterface
public interface HealthListener {

    /** @param previous null when the component was just registered */
    void changed(String component, @Nullable Health previous, Health current);
}
