package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.command.CommandHandler;
import com.zerolaghub.core.instances.Catalog;
import com.zerolaghub.core.instances.run.AgentTokens;
import com.zerolaghub.core.instances.run.RunnerPorts;
import com.zerolaghub.core.instances.run.ServerLog;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.servers.ServerDirectory;
import com.zerolaghub.verticles.config.PlatformConfig;
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
    Clock clock) {}
