package com.zerolaghub.projections.servers;

import com.zerolaghub.events.servers.ContainerKind;
import com.zerolaghub.events.servers.HostState;
import com.zerolaghub.events.servers.OperationType;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedSet;
import org.pcollections.TreePSet;

/**
 * Every server that exists and every operation ever requested, as of the last applied batch:
 * who owns what, which operations are still open (the worker's pending work, derived from the
 * log) and which game servers Velocity should know. Immutable; from
 * {@link ServerDirectoryProjection}.
 */
public final class ServerDirectory {
  /** A server as far as routing, ownership and resync need it. {@code name} is the customer's name. */
  public record Server(String serverId, String ownerId, ContainerKind kind, String name, Integer vmid, String address,
                       HostState hostState, boolean provisioned, boolean codeServer, boolean velocityRegistered) {
    /** Velocity's and the SRV record's name: {@code <name>-<vmid>}. */
    public String slug() {
      return vmid == null ? null : name + "-" + vmid;
    }
  }

  /**
   * An operation's identity and whether it ended; its details come from the server's stream.
   * {@code lastEventAt}: when its last event happened (how long an open one made no progress).
   */
  public record Operation(String operationId, String serverId, String ownerId, OperationType type, boolean finished,
                          Instant requestedAt, Instant lastEventAt) {
    Operation progressed(Instant at) {
      return new Operation(operationId, serverId, ownerId, type, finished, requestedAt, at);
    }

    Operation ended(Instant at) {
      return new Operation(operationId, serverId, ownerId, type, true, requestedAt, at);
    }
  }

  /** Open operations oldest first; the id breaks ties. */
  static final Comparator<Operation> OLDEST_FIRST =
      Comparator.comparing(Operation::requestedAt).thenComparing(Operation::operationId);

  public static final ServerDirectory EMPTY =
      new ServerDirectory(HashTreePMap.empty(), HashTreePMap.empty(), TreePSet.empty(OLDEST_FIRST));

  // persistent (structurally shared) collections: publishing a view per batch copies nothing
  private final PMap<String, Server> servers;
  private final PMap<String, Operation> operations;
  private final PSortedSet<Operation> open;

  ServerDirectory(PMap<String, Server> servers, PMap<String, Operation> operations, PSortedSet<Operation> open) {
    this.servers = servers;
    this.operations = operations;
    this.open = open;
  }

  /** A server that exists (not deleted). */
  public Optional<Server> server(String serverId) {
    return Optional.ofNullable(servers.get(serverId));
  }

  public Optional<Operation> operation(String operationId) {
    return Optional.ofNullable(operations.get(operationId));
  }

  /** Operations not finished yet, oldest first. */
  public Collection<Operation> openOperations() {
    return open;
  }

  /** Game servers whose Velocity registration is recorded and whose host runs: what a resync re-registers. */
  public List<Server> registeredGameServers() {
    return servers.values().stream()
        .filter(s -> s.kind() == ContainerKind.GAME && s.velocityRegistered() && s.hostState() == HostState.RUNNING
            && s.address() != null)
        .sorted(Comparator.comparing(Server::serverId))
        .toList();
  }

  /** Every server that exists (not deleted). */
  public Collection<Server> servers() {
    return servers.values();
  }

  public int serverCount() {
    return servers.size();
  }
}
