package com.zerolaghub.verticles.runtime;

import com.zerolaghub.verticles.config.PlatformConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The capabilities {@code zlh run} starts, in start order. Each capability adds itself here
 * (one line) and decides from {@code config.roles()} whether it runs on this node.
 */
public final class NodeCapabilities {
  private NodeCapabilities() {}

  public static List<Capability> forNode(PlatformConfig config) {
    List<Capability> capabilities = new ArrayList<>();
    return capabilities;
  }
}
