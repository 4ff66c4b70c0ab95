/**
 * Who may ask the management endpoint what: static bearer tokens and JWTs signed by an operator key, each granting
 * scopes such as {@code agent:read} and {@code agent:diagnose}.
 *
 * <p>Everything here is non-null unless marked {@link dev.ferry.api.Nullable}.
 */
package dev.ferry.management.auth;
