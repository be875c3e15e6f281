package com.zerolaghub.verticles.runtime;

import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.monitoring.MonitoringCapability;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
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
    Authentication auth = nobodySignedIn();
    ProjectionsCapability projections = new ProjectionsCapability(auth);
    capabilities.add(projections.setup());
    capabilities.add(new MonitoringCapability(auth, projections));
    capabilities.add(projections.launch());
    return capabilities;
  }

  /** Stand-in until the accounts capability provides sign-in: every authenticated route answers 401. */
  private static Authentication nobodySignedIn() {
    Handler<RoutingContext> refuse = ctx -> ctx.fail(new ProblemException(ProblemType.UNAUTHORIZED, "sign in first"));
    return new Authentication() {
      @Override
      public Handler<RoutingContext> required() {
        return refuse;
      }

      @Override
      public Handler<RoutingContext> admin() {
        return refuse;
      }
    };
  }
}
