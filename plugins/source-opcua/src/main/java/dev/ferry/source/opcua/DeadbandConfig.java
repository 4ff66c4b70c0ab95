package dev.ferry.source.opcua;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.Doc;

/** A data change filter for a monitored item: exactly one of the two keys. */
public record DeadbandConfig(
        @Doc("Report a change only when the value moved by more than this, in the item's unit.")
                @Nullable Double absolute,
        @Doc("Report a change only when the value moved by more than this share, 0 to 100, of the node's EURange; "
                + "the server must know the range.") @Nullable Double percent) {}
