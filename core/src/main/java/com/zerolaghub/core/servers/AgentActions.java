package com.zerolaghub.core.servers;

import com.zerolaghub.core.command.Decider;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.events.servers.ContainerKind;
import com.zerolaghub.events.servers.HostState;
import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerEvent.AgentActionFinished;
import com.zerolaghub.events.servers.ServerEvent.AgentActionRequested;
import java.time.Instant;
import java.util.List;

/**
 * Who may ask a server's agent for what, and the audit record of it, on the server's stream.
 * The agent is only asked once the server is set up and its host runs; a non-owner learns
 * nothing (404), as everywhere.
 */
public final class AgentActions implements Decider<AgentActions.Command, ServerState, ServerEvent> {
  public static final String HOST_NOT_RUNNING = "host-not-running";

  public sealed interface Command {}

  /** Before the call: checked, then recorded. {@code detail} names the target (backup id, path), never contents. */
  public record Request(Requester requester, String actionId, AgentAction action, String detail, Instant now) implements Command {}

  /** After the call: its outcome. */
  public record Finish(String actionId, AgentAction action, boolean succeeded, String detail, Instant now) implements Command {}

  @Override
  public ServerState initialState() {
    return ServerState.NONE;
  }

  @Override
  public ServerState evolve(ServerState state, ServerEvent event) {
    return state.apply(event);
  }

  @Override
  public List<ServerEvent> decide(Command command, ServerState s) {
    if (command instanceof Finish f) {
      if (s.serverId() == null) throw notFound();
      return List.of(new AgentActionFinished(s.serverId(), f.actionId(), f.action().wireName(), f.succeeded(), f.detail(), f.now()));
    }
    Request r = (Request) command;
    checkReachable(r.requester(), s);
    ContainerKind onlyFor = r.action().onlyFor();
    if (onlyFor != null && onlyFor != s.kind()) {
      throw new Rejection(Rejection.Kind.CONFLICT, "not-a-" + onlyFor.wireName() + "-server",
          "This is a " + s.kind().wireName() + " server; " + r.action().wireName() + " is for " + onlyFor.wireName() + " servers");
    }
    return List.of(new AgentActionRequested(s.serverId(), r.actionId(), r.action().wireName(), r.detail(),
        "user:" + r.requester().userId(), r.now()));
  }

  /**
   * Owner (or admin) of a server whose agent can be talked to: set up (address and agent token
   * recorded) and host running. Reads (status aside) use the same rule.
   */
  public static void checkReachable(Requester requester, ServerState s) {
    checkVisible(requester, s);
    if (s.lifecycle() == LifecycleState.DELETING) {
      throw new Rejection(Rejection.Kind.CONFLICT, "server-deleting", "This server is being deleted");
    }
    if (s.address() == null || s.agentTokenHash() == null) {
      throw new Rejection(Rejection.Kind.CONFLICT, "server-not-ready", "This server is not set up yet");
    }
    if (s.hostState() != HostState.RUNNING) {
      throw new Rejection(Rejection.Kind.CONFLICT, HOST_NOT_RUNNING, "The server host is not running; start it first");
    }
  }

  /** The server exists and the requester owns it or is an admin; otherwise 404. */
  public static void checkVisible(Requester requester, ServerState s) {
    if (!s.exists()) throw notFound();
    if (!requester.admin() && !s.ownedBy(requester.userId())) throw notFound();
  }

  private static Rejection notFound() {
    return new Rejection(Rejection.Kind.NOT_FOUND, "server-not-found", "no such server");
  }
}
