package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerEvent;

import com.zerolaghub.events.servers.ServerEvent.OperationEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Operations keyed by id, folded from server events (any number of servers, log order). */
public final class OperationViews {
  private OperationViews() {}

  public static Map<String, OperationView> fold(Iterable<? extends ServerEvent> events) {
    Map<String, OperationView> views = new LinkedHashMap<>();
    for (ServerEvent e : events) apply(views, e);
    return views;
  }

  /** Updates {@code views} in place with one event; events that belong to no operation change nothing. */
  public static void apply(Map<String, OperationView> views, ServerEvent e) {
    if (!(e instanceof OperationEvent op)) return;
    OperationView next = OperationView.next(views.get(op.operationId()), op);
    if (next != null) views.put(next.operationId(), next);
  }
}
