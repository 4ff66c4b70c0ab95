/**
 * How bearer tokens are checked: static tokens by hash, JWTs with nimbus-jose-jwt. Not an API: use
 * {@link dev.ferry.management.auth.Authenticator}.
 *
 * <p>Only {@link dev.ferry.management.auth.internal.JwtVerifiers} and the classes it creates may name nimbus types,
 * so that none of the library's classes is loaded unless {@code auth.jwt} is configured.
 *
 * <p>Everything here is non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.management.auth.internal;
