package com.zerolaghub.proxy.routing;

import java.util.Optional;

/** Console targets by server id, answered from memory (a projection), like {@link RouteTable}. */
@FunctionalInterface
public interface ConsoleTargets {

  Optional<ConsoleTarget> byServerId(String serverId);
}
