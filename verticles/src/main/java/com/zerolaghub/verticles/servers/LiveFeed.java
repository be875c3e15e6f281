package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.EventType;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerEvent.DeletionRequested;
import com.zerolaghub.events.servers.ServerEvent.HostActionCompleted;
import com.zerolaghub.events.servers.ServerEvent.HostActionFailed;
import com.zerolaghub.events.servers.ServerEvent.HostActionRequested;
import com.zerolaghub.events.servers.ServerEvent.HostActionStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.OperationEvent;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningFailed;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepStarted;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepVerified;
import com.zerolaghub.events.servers.ServerEvent.ServerDeleted;
import com.zerolaghub.events.servers.ServerEvent.ServerReady;
import com.zerolaghub.events.servers.ServerEvent.ServerRequested;
import com.zerolaghub.events.servers.ServerEvent.TeardownFailed;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepStarted;
import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.servers.HostState;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.servers.ServerDirectory;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the log from "now" (the node's start) and hands each server and operation change to
 * the live subscribers allowed to see it: its owner, and admins. One reader per node, however
 * many sockets; a slow subscriber is dropped by its socket, never waited for.
 */
final class LiveFeed {
  /** One connected client. */
  interface Subscriber {
    Principal principal();

    void send(JsonObject message);
  }

  // The same visibility rule as the store's readers: only transactions older than every running one.
  static final String HEAD = "SELECT tx_id::text AS tx, position FROM event_log"
      + " WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY tx_id DESC, position DESC LIMIT 1";
  private static final int BATCH = 500;
  private static final long POLL_MS = 1_000;
  private static final int OWNERS_REMEMBERED = 100_000;
  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

  private final Vertx vertx;
  private final EventStore store;
  private final EventCodec codec;
  private final Pool pool;
  private final MemoryView<ServerDirectory> directory;
  private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
  /** serverId → owner, for events that do not carry it; learnt from events since start. */
  private final Map<String, String> owners = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > OWNERS_REMEMBERED;
    }
  };

  private Context context;
  private Checkpoint checkpoint;
  private AppendSignal.Subscription signal;
  private boolean busy;
  private boolean again;
  private boolean stopped;
  private long timer = -1;

  LiveFeed(Vertx vertx, EventStore store, EventCodec codec, Pool pool, MemoryView<ServerDirectory> directory) {
    this.vertx = vertx;
    this.store = store;
    this.codec = codec;
    this.pool = pool;
    this.directory = directory;
  }

  Future<Void> start() {
    context = vertx.getOrCreateContext();
    return pool.query(HEAD).execute().map(rows -> {
      Row head = rows.iterator().hasNext() ? rows.iterator().next() : null;
      checkpoint = head == null ? Checkpoint.START : new Checkpoint(Long.parseLong(head.getString("tx")), head.getLong("position"));
      signal = store.signal().subscribe(vertx, this::pump);
      timer = vertx.setPeriodic(POLL_MS, id -> pump());
      return null;
    });
  }

  void stop() {
    stopped = true;
    if (signal != null) signal.cancel();
    if (timer >= 0) vertx.cancelTimer(timer);
  }

  void add(Subscriber s) {
    subscribers.add(s);
  }

  void remove(Subscriber s) {
    subscribers.remove(s);
  }

  int subscriberCount() {
    return subscribers.size();
  }

  private void pump() {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    again = false;
    store.readAfter(checkpoint, BATCH).onComplete(ar -> {
      busy = false;
      if (ar.failed()) {
        log.debug("live feed cannot read the log now: {}", ar.cause().toString());
        return;
      }
      for (RecordedEvent e : ar.result()) {
        checkpoint = e.checkpoint();
        if (!e.type().startsWith("server.")) continue;
        deliver(e);
      }
      if (ar.result().size() >= BATCH || again) context.runOnContext(v -> pump());
    });
  }

  /**
   * The events that name a server's owner: without subscribers only these are decoded (to keep
   * {@link #owners}), the feed's other events are news for nobody.
   */
  private static final Set<String> NAMING_OWNERS = Set.of(ServerRequested.class, HostActionRequested.class,
          DeletionRequested.class, ServerDeleted.class).stream()
      .map(c -> c.getAnnotation(EventType.class).name())
      .collect(Collectors.toUnmodifiableSet());

  private void deliver(RecordedEvent recorded) {
    if (subscribers.isEmpty() && !NAMING_OWNERS.contains(recorded.type())) return;
    ServerEvent event;
    try {
      event = (ServerEvent) codec.decode(recorded);
    } catch (RuntimeException undecodable) {
      return; // an event this build cannot read is not news for the portal
    }
    if (!(event instanceof OperationEvent e)) return;
    String owner = ownerOf(e);
    if (subscribers.isEmpty()) return;
    JsonObject message = message(recorded.type(), e);
    for (Subscriber s : subscribers) {
      Principal p = s.principal();
      if (p.isAdmin() || p.userId().equals(owner)) s.send(message);
    }
  }

  private String ownerOf(OperationEvent e) {
    String owner = null;
    if (e instanceof ServerRequested r) owner = r.ownerId();
    else if (e instanceof HostActionRequested r) owner = r.ownerId();
    else if (e instanceof DeletionRequested r) owner = r.ownerId();
    else if (e instanceof ServerEvent.ReprovisionRequested r) owner = r.ownerId();
    else if (e instanceof ServerDeleted d) owner = d.ownerId();
    if (owner != null) {
      owners.put(e.serverId(), owner);
      return owner;
    }
    owner = owners.get(e.serverId());
    if (owner != null) return owner;
    ServerDirectory view = directory.current();
    owner = view.server(e.serverId()).map(ServerDirectory.Server::ownerId)
        .orElseGet(() -> view.operation(e.operationId()).map(ServerDirectory.Operation::ownerId).orElse(null));
    if (owner != null) owners.put(e.serverId(), owner);
    return owner;
  }

  /** One change: the event's name and the state of its operation it implies. */
  static JsonObject message(String type, OperationEvent e) {
    JsonObject op = new JsonObject().put("operationId", e.operationId());
    if (e instanceof ServerRequested || e instanceof ServerEvent.ReprovisionRequested) op.put("type", "provision").put("status", "queued");
    else if (e instanceof HostActionRequested r) op.put("type", r.action().operationType().wireName()).put("status", "queued");
    else if (e instanceof DeletionRequested) op.put("type", "delete").put("status", "queued");
    else if (e instanceof ServerReady || e instanceof HostActionCompleted || e instanceof ServerDeleted) op.put("status", "succeeded");
    else if (e instanceof ProvisioningFailed f) op.put("status", "failed").put("phase", f.step().wireName()).put("reason", f.reason());
    else if (e instanceof HostActionFailed f) op.put("status", "failed").put("reason", f.reason());
    else if (e instanceof TeardownFailed f) op.put("status", "failed").put("phase", f.step().wireName()).put("reason", f.reason());
    else if (e instanceof ServerEvent.OperationMarkedStale m) op.put("status", "failed").put("reason", m.reason());
    else op.put("status", "running").put("phase", phase(e));
    return new JsonObject().put("type", "server-event").put("event", type).put("serverId", e.serverId())
        .put("at", e.at().toString()).put("operation", op);
  }

  private static String phase(OperationEvent e) {
    if (e instanceof ProvisioningStepStarted s) return s.step().wireName();
    if (e instanceof ProvisioningStepCompleted s) return s.step().wireName();
    if (e instanceof ProvisioningStepVerified s) return s.step().wireName();
    if (e instanceof TeardownStepStarted s) return s.step().wireName();
    if (e instanceof TeardownStepCompleted s) return s.step().wireName();
    if (e instanceof HostActionStepCompleted s) return s.hostState() == HostState.RUNNING ? "start-host" : "stop-host";
    return null;
  }
}
