package com.zerolaghub.events.accounts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an account may do. Only the CLI grants {@code admin}; no request field sets a role. */
public enum Role {
  @JsonProperty("customer") CUSTOMER,
  @JsonProperty("admin") ADMIN;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
