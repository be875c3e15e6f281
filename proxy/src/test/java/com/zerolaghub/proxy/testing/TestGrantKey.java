package com.zerolaghub.proxy.testing;

import java.nio.charset.StandardCharsets;

/** The IDE grant key tests seal grants with (a node's comes from PostgreSQL). */
public final class TestGrantKey {
  public static final byte[] BYTES = "test-ide-grant-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private TestGrantKey() {}
}
