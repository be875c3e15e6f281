package com.zerolaghub.verticles.smoke;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a smoke run talks to and how.
 *
 * @param url             base URL of a node's public API (the portal's origin)
 * @param token           a bearer session of the dedicated smoke account; empty: a fresh account is registered
 * @param otherToken      a second customer's session, for the non-owner checks; empty: a fresh account is registered
 * @param adminToken      an administrator's bearer session; when given, cleanup is also checked in
 *                        the account's audit export (each teardown step recorded with its verification)
 *                        and against the controller's open drift findings
 * @param agentUrl        where a container's agent answers, with {@code {vmid}}, {@code {vmid/256}}, {@code {vmid%256}}; empty: that check is skipped
 * @param devHostAddress  where to connect for {@code dev-<vmid>.<devDomain>} links whose host does not
 *                        resolve (e.g. {@code *.localhost}); empty: the API URL's host
 * @param stepTimeout     how long one step may wait for the platform
 * @param keep            leave the servers a failed run created (for a look) instead of deleting them
 */
public record SmokeOptions(URI url, Optional<String> token, Optional<String> otherToken, Optional<String> adminToken, Optional<String> agentUrl,
    Optional<String> devHostAddress, Duration stepTimeout, boolean keep) {
  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(60);

  public SmokeOptions {
    Objects.requireNonNull(url, "url");
    token = token.filter(t -> !t.isBlank());
    otherToken = otherToken.filter(t -> !t.isBlank());
    adminToken = adminToken.filter(t -> !t.isBlank());
    agentUrl = agentUrl.filter(t -> !t.isBlank());
    devHostAddress = devHostAddress.filter(t -> !t.isBlank());
    if (stepTimeout == null) stepTimeout = DEFAULT_STEP_TIMEOUT;
  }

  /** A run as a fresh account, no admin checks, no agent check. */
  public static SmokeOptions against(URI url) {
    return new SmokeOptions(url, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        DEFAULT_STEP_TIMEOUT, false);
  }

  public SmokeOptions withAdminToken(String adminToken) {
    return new SmokeOptions(url, token, otherToken, Optional.ofNullable(adminToken), agentUrl, devHostAddress, stepTimeout, keep);
  }

  public SmokeOptions withAgentUrl(String agentUrl) {
    return new SmokeOptions(url, token, otherToken, adminToken, Optional.ofNullable(agentUrl), devHostAddress, stepTimeout, keep);
  }

  public SmokeOptions withStepTimeout(Duration stepTimeout) {
    return new SmokeOptions(url, token, otherToken, adminToken, agentUrl, devHostAddress, stepTimeout, keep);
  }

  public SmokeOptions keeping(boolean keep) {
    return new SmokeOptions(url, token, otherToken, adminToken, agentUrl, devHostAddress, stepTimeout, keep);
  }
}
