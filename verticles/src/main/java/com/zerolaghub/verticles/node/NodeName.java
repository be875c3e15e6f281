package com.zerolaghub.verticles.node;

import com.zerolaghub.verticles.config.PlatformConfig;

/**
 * How a node names itself in the values of the singleton leases it holds, so an operator
 * reading {@code GET zlh:lease:…} in Redis sees which node works: {@code <host>:<http port>}.
 */
public final class NodeName {
  private NodeName() {}

  public static String of(PlatformConfig config) {
    String host = System.getenv("HOSTNAME");
    return (host == null || host.isBlank() ? "node" : host) + ":" + config.http().port();
  }
}
