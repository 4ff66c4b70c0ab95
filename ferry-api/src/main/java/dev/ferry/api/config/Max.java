package dev.ferry.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The largest value the key accepts, inclusive, written as it would be in the file ({@code "65535"},
 * {@code "1h"}, {@code "1GiB"}). Applies to the same types as {@link Min}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Max {
    String value();
}
