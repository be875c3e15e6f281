package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.ports.HostShutdownPort;
import com.zerolaghub.core.command.CommandHandler;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.core.servers.Requester;
import com.zerolaghub.core.servers.ServerCommand;
import com.zerolaghub.core.servers.ServerDecider;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.servers.HostAction;
import com.zerolaghub.events.servers.HostState;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.servers.ServerDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Billing's way to shut hosts down (game and dev: a suspended account runs nothing, and
 * code-server is the largest user of memory); it can only stop, never delete. A host with an open
 * operation (billing's own stop in flight, a customer's restart) is not offered: the host state
 * still reads running until that operation ends, and a later enforcement pass takes the host
 * if it still runs then, so one suspension stops (and records) each host once.
 */
final class BillingHostShutdown implements HostShutdownPort {
  private final Vertx vertx;
  private final MemoryView<ServerDirectory> directory;
  private final CommandHandler commands;
  private final Clock clock;

  BillingHostShutdown(Vertx vertx, MemoryView<ServerDirectory> directory, CommandHandler commands, Clock clock) {
    this.vertx = vertx;
    this.directory = directory;
    this.commands = commands;
    this.clock = clock;
  }

  @Override
  public Future<List<String>> runningHosts(String accountId) {
    ServerDirectory now = directory.current();
    Set<String> busy = new HashSet<>();
    now.openOperations().forEach(op -> busy.add(op.serverId()));
    return Future.succeededFuture(now.servers().stream()
        .filter(s -> accountId.equals(s.ownerId()) && s.hostState() == HostState.RUNNING
            && !busy.contains(s.serverId()))
        .map(ServerDirectory.Server::serverId).toList());
  }

  @Override
  public Future<Void> shutDown(String serverId, String cause) {
    String operationId = UUID.randomUUID().toString();
    return commands.handle(ServerDecider.stream(serverId), new ServerDecider(),
            new ServerCommand.RequestHostAction(new Requester("system:billing", true), HostAction.STOP, operationId,
                clock.instant()),
            EventMetadata.system("system:billing").withCorrelation(operationId).withCausation(cause))
        // done once the directory shows the stop open, so the next pass does not offer this host again
        .compose(appended -> new OperationLocator(vertx, directory).find(operationId))
        .recover(err -> err instanceof Rejection ? Future.succeededFuture() : Future.failedFuture(err)) // already stopping
        .mapEmpty();
  }
}
