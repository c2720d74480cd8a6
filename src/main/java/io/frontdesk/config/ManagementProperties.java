package io.frontdesk.config;

/**
 * Access to the management port.
 *
 * @param token bearer token that state-changing management requests must carry; never logged
 * @param tokenFile a file holding the token (a mounted secret), read at start-up; wins over {@code token}
 */
public record ManagementProperties(String token, String tokenFile) {
}
