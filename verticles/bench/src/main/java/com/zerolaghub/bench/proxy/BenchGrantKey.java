package com.zerolaghub.bench.proxy;

import java.nio.charset.StandardCharsets;

/** The IDE grant key of benchmarks, shared by the bench and a proxy it runs in another JVM. Never a node's. */
public final class BenchGrantKey {
  public static final byte[] BYTES = "zlh-benchmark-ide-grant-key-0123".getBytes(StandardCharsets.US_ASCII);

  private BenchGrantKey() {}
}
