package com.zerolaghub.verticles.billing;

import com.zerolaghub.core.ports.ConsoleCloser;
import com.zerolaghub.core.ports.HostShutdownPort;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Fake lifecycle and console capabilities that record every call. Both ports offer no delete. */
final class RecordingPorts implements HostShutdownPort, ConsoleCloser {
  final Map<String, Set<String>> runningByAccount = new ConcurrentHashMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();

  void running(String account, String... servers) {
    runningByAccount.put(account, ConcurrentHashMap.newKeySet());
    runningByAccount.get(account).addAll(List.of(servers));
  }

  @Override
  public Future<List<String>> runningHosts(String accountId) {
    return Future.succeededFuture(new ArrayList<>(new TreeSet<>(runningByAccount.getOrDefault(accountId, Set.of()))));
  }

  @Override
  public Future<Void> shutDown(String serverId, String cause) {
    calls.add("shutDown " + serverId + " " + cause);
    runningByAccount.values().forEach(s -> s.remove(serverId));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> closeConsoles(String serverId, int code, String reason) {
    calls.add("closeConsoles " + serverId + " " + code);
    return Future.succeededFuture();
  }
}
