package com.zerolaghub.verticles.controller;

import com.zerolaghub.core.infra.agent.AgentEndpoint;
import com.zerolaghub.core.infra.agent.AgentPort;
import com.zerolaghub.core.infra.agent.CrashReport;
import com.zerolaghub.core.controller.Observation.AgentSeen;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Asks agents for their status, a bounded sample per pass: agents can only be asked one by one,
 * so each pass probes the next {@code perPass} running servers in id order (round robin) with
 * at most {@code parallel} calls in flight. With 10,000 servers and 200 per pass every agent is
 * asked every 50 passes. Confined to the controller's context.
 */
final class AgentProbe {
  private final AgentPort agents;
  private final Function<String, Optional<AgentEndpoint>> endpoints;
  private final int perPass;
  private final int parallel;
  private String cursor = "";

  AgentProbe(AgentPort agents, Function<String, Optional<AgentEndpoint>> endpoints, int perPass, int parallel) {
    this.agents = agents;
    this.endpoints = endpoints;
    this.perPass = perPass;
    this.parallel = parallel;
  }

  /** Probes the next sample of {@code candidates} (server ids); answers what each agent said. */
  Future<Map<String, AgentSeen>> probe(Collection<String> candidates) {
    if (perPass <= 0 || candidates.isEmpty()) return Future.succeededFuture(Map.of());
    TreeSet<String> ordered = new TreeSet<>(candidates);
    List<String> sample = new ArrayList<>(Math.min(perPass, ordered.size()));
    for (String id : ordered.tailSet(cursor, false)) {
      if (sample.size() >= perPass) break;
      sample.add(id);
    }
    for (String id : ordered) { // wrap around
      if (sample.size() >= perPass || id.compareTo(cursor) > 0 || sample.contains(id)) break;
      sample.add(id);
    }
    cursor = sample.isEmpty() ? "" : sample.get(sample.size() - 1);
    Map<String, AgentSeen> seen = new ConcurrentHashMap<>();
    List<Future<Void>> lanes = new ArrayList<>();
    int lanesCount = Math.min(parallel, sample.size());
    for (int lane = 0; lane < lanesCount; lane++) lanes.add(next(sample, lane, lanesCount, seen));
    return Future.join(lanes).map(v -> Map.copyOf(seen));
  }

  /** "oom at 2026-…, exit code 137" — what an operator and the owner's email need, no log lines. */
  static String describe(CrashReport c) {
    StringBuilder s = new StringBuilder(c.classification() == null ? "crash" : c.classification().wire());
    if (c.at() != null) s.append(" at ").append(c.at());
    if (c.exitCode() != null) s.append(", exit code ").append(c.exitCode());
    if (c.signal() != null) s.append(", signal ").append(c.signal());
    return s.toString();
  }

  private Future<Void> next(List<String> sample, int index, int stride, Map<String, AgentSeen> seen) {
    if (index >= sample.size()) return Future.succeededFuture();
    String serverId = sample.get(index);
    Optional<AgentEndpoint> endpoint = endpoints.apply(serverId);
    if (endpoint.isEmpty()) return next(sample, index + stride, stride, seen);
    return agents.status(endpoint.get()).transform(ar -> {
      if (ar.succeeded()) {
        var game = ar.result().game();
        seen.put(serverId, new AgentSeen(true, game == null ? null : game.state().wire(),
            game == null || game.lastCrash() == null ? null : describe(game.lastCrash())));
      } else {
        seen.put(serverId, new AgentSeen(false, null, String.valueOf(ar.cause().getMessage())));
      }
      return next(sample, index + stride, stride, seen);
    });
  }
}
