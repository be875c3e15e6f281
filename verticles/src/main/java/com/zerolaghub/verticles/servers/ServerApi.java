package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.command.CommandHandler;
import com.zerolaghub.core.servers.Catalog;
import com.zerolaghub.core.servers.Templates;
import com.zerolaghub.core.servers.run.AgentTokens;
import com.zerolaghub.core.servers.run.RunnerPorts;
import com.zerolaghub.core.servers.run.ServerLog;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.servers.ServerDirectory;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.config.ServersConfig;
import com.zerolaghub.verticles.node.PlatformContext;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;

/**
 * What the server API's handlers share: the log (through the command handler and the
 * runners' view of it), the read models, the outside systems and the configuration.
 */
record ServerApi(
    Vertx vertx,
    PlatformConfig config,
    CommandHandler commands,
    ServerLog log,
    Pool pool,
    MemoryView<ServerDirectory> directory,
    RunnerPorts ports,
    AgentTokens tokens,
    Catalog catalog,
    OperationLocator operations,
    ServerJson json,
    Clock clock) {

  /** The API's parts for this node: the command handler on the node's store, the catalog from the configured templates. */
  static ServerApi of(PlatformContext ctx, ServerLog log, MemoryView<ServerDirectory> directory, RunnerPorts ports,
                      AgentTokens tokens, Clock clock) {
    ServersConfig servers = ctx.config().servers();
    return new ServerApi(ctx.vertx(), ctx.config(), new CommandHandler(ctx.store(), ctx.codec()), log, ctx.pool(), directory,
        ports, tokens, Catalog.defaults(new Templates(servers.gameTemplateVmid(), servers.devTemplateVmid())),
        new OperationLocator(ctx.vertx(), directory), new ServerJson(servers.gameDomain()), clock);
  }
}
