package com.zerolaghub.events.accounts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * What an account may do. {@code zlh admin} makes the first administrator; after that an
 * administrator may grant or take away the role with a reason
 * ({@code POST /api/admin/accounts/{id}/role}); no customer request sets a role.
 */
public enum Role {
  @JsonProperty("customer") CUSTOMER,
  @JsonProperty("admin") ADMIN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
