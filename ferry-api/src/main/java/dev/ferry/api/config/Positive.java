package dev.ferry.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The key must be greater than zero. Applies to {@code int}, {@code long}, {@code double},
 * {@link java.time.Duration} and {@link DataSize} keys; a file that breaks it is refused with
 * e.g. {@code sources.boiler.interval: must be > 0, was 0s}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Positive {}
