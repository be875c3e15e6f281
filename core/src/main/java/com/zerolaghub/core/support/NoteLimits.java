package com.zerolaghub.core.support;

import java.nio.charset.StandardCharsets;

/** A server notepad holds at most 64 KiB of UTF-8 text. */
public final class NoteLimits {
  public static final int MAX_BYTES = 64 * 1024;

  private NoteLimits() {}

  public static boolean fits(String text) {
    return text != null && (text.length() <= MAX_BYTES / 3 || text.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES);
  }
}
