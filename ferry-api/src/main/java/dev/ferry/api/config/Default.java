package dev.ferry.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a key takes when the file leaves it out, written as it would be in the file ({@code "10s"},
 * {@code "64MiB"}, {@code "drop-oldest"}); {@code "[]"} and {@code "{}"} give an empty list or map.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
    String value();
}
