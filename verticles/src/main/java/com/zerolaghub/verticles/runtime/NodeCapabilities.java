package com.zerolaghub.verticles.runtime;

import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.servers.ServersCapability;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The capabilities {@code zlh run} starts, in start order. Each capability adds itself here
 * (one line) and decides from {@code config.roles()} whether it runs on this node. Capabilities
 * that register read models sit between the projections' setup and launch.
 */
public final class NodeCapabilities {
  private NodeCapabilities() {}

  public static List<Capability> forNode(PlatformConfig config) {
    return forNode(config, NO_ACCOUNTS);
  }

  public static List<Capability> forNode(PlatformConfig config, Authentication auth) {
    ProjectionsCapability projections = new ProjectionsCapability(auth);
    List<Capability> capabilities = new ArrayList<>();
    capabilities.add(projections.setup());
    capabilities.add(new ServersCapability(auth, projections));
    capabilities.add(projections.launch());
    return capabilities;
  }

  /** Until the accounts capability provides sign-in: every authenticated operation answers 401. */
  private static final Authentication NO_ACCOUNTS = new Authentication() {
    @Override
    public Handler<RoutingContext> required() {
      return ctx -> ctx.fail(new ProblemException(ProblemType.UNAUTHORIZED, "sign-in is not available on this node"));
    }

    @Override
    public Handler<RoutingContext> admin() {
      return required();
    }
  };
}
