package dev.ferry.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The smallest value the key accepts, inclusive, written as it would be in the file ({@code "1"},
 * {@code "0s"}, {@code "4KiB"}). Applies to {@code int}, {@code long}, {@code double},
 * {@link java.time.Duration} and {@link DataSize} keys.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Min {
    String value();
}
