package com.zerolaghub.verticles.runtime;

import com.zerolaghub.verticles.accounts.AccountsCapability;
import com.zerolaghub.verticles.accounts.SessionAuthentication;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.support.SupportCapability;
import java.time.Clock;
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
    SessionAuthentication auth = new SessionAuthentication();
    ProjectionsCapability projections = new ProjectionsCapability(auth);
    capabilities.add(projections.setup());
    capabilities.add(new AccountsCapability(auth, projections, Clock.systemUTC()));
    capabilities.add(new SupportCapability(auth, projections, Clock.systemUTC()));
    // Capabilities that register read models go above this line.
    capabilities.add(projections.launch());
    return capabilities;
  }
}
