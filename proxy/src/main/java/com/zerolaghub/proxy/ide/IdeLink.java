package com.zerolaghub.proxy.ide;

import java.time.Instant;

/**
 * A hosted IDE URL carrying a one-time token ({@code ?zlh_ide_token=…}): give it to the owner's
 * browser only, never log it. The proxy drops the token from the address bar at first use.
 */
public record IdeLink(String url, Instant expiresAt) {

  @Override
  public String toString() {
    return "IdeLink[url=<secret>, expiresAt=" + expiresAt + "]";
  }
}
