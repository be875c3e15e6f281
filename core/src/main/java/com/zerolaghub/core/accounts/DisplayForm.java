package com.zerolaghub.core.accounts;

/** How people see an account; logs carry the full id instead. */
public final class DisplayForm {
  private DisplayForm() {}

  public static String of(String displayName, String username, String userId) {
    return displayName + " (" + username + ") \u2022 " + userId.substring(0, Math.min(8, userId.length()));
  }
}
