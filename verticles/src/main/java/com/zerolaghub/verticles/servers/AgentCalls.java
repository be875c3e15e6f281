package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.command.CommandHandler;
import com.zerolaghub.core.infra.agent.AgentEndpoint;
import com.zerolaghub.core.servers.AgentAction;
import com.zerolaghub.core.servers.AgentActions;
import com.zerolaghub.core.servers.Requester;
import com.zerolaghub.core.servers.ServerDecider;
import com.zerolaghub.core.servers.ServerState;
import com.zerolaghub.events.EventMetadata;
import io.vertx.core.Future;
import java.util.UUID;
import java.util.function.Function;

/**
 * Talking to a server's agent for a customer: the server must be visible to them, set up and
 * its host running; actions that change something are recorded before the call and their
 * outcome after it (audit), reads are not. The agent token is derived here and never leaves
 * the platform.
 */
final class AgentCalls {
  private static final AgentActions ACTIONS = new AgentActions();

  private final ServerApi api;

  AgentCalls(ServerApi api) {
    this.api = api;
  }

  /** A read: checked like an action, not recorded. */
  <T> Future<T> read(Requester requester, String serverId, Function<AgentEndpoint, Future<T>> call) {
    return api.log().load(serverId).compose(loaded -> {
      AgentActions.checkReachable(requester, loaded.state());
      return call.apply(endpoint(loaded.state())).recover(AgentProblems::translate);
    });
  }

  /**
   * An audited action. {@code detail} names the target (backup id, path); {@code outcome}
   * turns the call's result into the detail recorded with its success (e.g. a new backup id).
   */
  <T> Future<T> act(Requester requester, EventMetadata metadata, String serverId, AgentAction action, String detail,
                    Function<AgentEndpoint, Future<T>> call, Function<T, String> outcome) {
    String actionId = UUID.randomUUID().toString();
    EventMetadata md = metadata.withCorrelation(actionId);
    CommandHandler commands = api.commands();
    return commands.handle(ServerDecider.stream(serverId), ACTIONS,
            new AgentActions.Request(requester, actionId, action, detail, api.clock().instant()), md)
        .compose(recorded -> call.apply(endpoint(recorded.state()))
            .transform(ar -> {
              String finishDetail = ar.succeeded() ? (outcome == null ? null : outcome.apply(ar.result()))
                  : String.valueOf(ar.cause().getMessage());
              return commands.handle(ServerDecider.stream(serverId), ACTIONS,
                      new AgentActions.Finish(actionId, action, ar.succeeded(), finishDetail, api.clock().instant()), md)
                  .transform(x -> ar.succeeded() ? Future.succeededFuture(ar.result()) : AgentProblems.<T>translate(ar.cause()));
            }));
  }

  AgentEndpoint endpoint(ServerState s) {
    return new AgentEndpoint(s.address(), api.config().infra().agentPort(), api.tokens().tokenFor(s.serverId()));
  }
}
