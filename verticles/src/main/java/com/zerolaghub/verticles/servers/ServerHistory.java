package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.servers.AgentAction;
import com.zerolaghub.core.servers.ServerDecider;
import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.servers.ServerEvent.AgentActionFinished;
import com.zerolaghub.events.servers.ServerEvent.AgentActionRequested;
import com.zerolaghub.events.servers.ServerEvent.HostActionFailed;
import com.zerolaghub.events.servers.ServerEvent.OperationMarkedStale;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningFailed;
import com.zerolaghub.events.servers.ServerEvent.TeardownFailed;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * What a server's log says about its last backup, its last restore and its last failure (the
 * monitoring contract's lifecycle): read from the server's own stream on each status request,
 * so it needs no read model of its own.
 */
final class ServerHistory {
  private static final String BACKUP = AgentAction.BACKUP_CREATE.wireName();
  private static final String RESTORE = AgentAction.BACKUP_RESTORE.wireName();

  /**
   * One backup or restore as recorded: {@code requested}, then {@code accepted} by the agent
   * (which does the work on its own) or {@code failed} with the agent's reason.
   */
  record Action(String backupId, String state, Instant requestedAt, Instant answeredAt, String reason) {}

  /** The newest failure: an operation's (provision, stop, delete …) or an agent action's. */
  record Failure(String what, String phase, String reason, Instant at) {}

  record Summary(Action lastBackup, Action lastRestore, Failure lastFailure) {
    static final Summary EMPTY = new Summary(null, null, null);
  }

  private final EventStore store;
  private final EventCodec codec;

  ServerHistory(EventStore store, EventCodec codec) {
    this.store = store;
    this.codec = codec;
  }

  Future<Summary> of(String serverId) {
    return store.readStream(ServerDecider.stream(serverId)).map(this::fold);
  }

  private Summary fold(List<RecordedEvent> recorded) {
    Summary s = Summary.EMPTY;
    for (RecordedEvent r : recorded) s = next(s, codec.decode(r));
    return s;
  }

  static Summary next(Summary s, DomainEvent e) {
    if (e instanceof AgentActionRequested r && (BACKUP.equals(r.action()) || RESTORE.equals(r.action()))) {
      Action requested = new Action(RESTORE.equals(r.action()) ? r.detail() : null, "requested", r.at(), null, null);
      return BACKUP.equals(r.action()) ? new Summary(requested, s.lastRestore(), s.lastFailure())
          : new Summary(s.lastBackup(), requested, s.lastFailure());
    }
    if (e instanceof AgentActionFinished f) {
      Failure failure = f.succeeded() ? s.lastFailure() : new Failure(f.action(), null, f.detail(), f.at());
      if (BACKUP.equals(f.action()) && s.lastBackup() != null) {
        Action a = s.lastBackup();
        return new Summary(new Action(f.succeeded() ? f.detail() : a.backupId(), f.succeeded() ? "accepted" : "failed",
            a.requestedAt(), f.at(), f.succeeded() ? null : f.detail()), s.lastRestore(), failure);
      }
      if (RESTORE.equals(f.action()) && s.lastRestore() != null) {
        Action a = s.lastRestore();
        return new Summary(s.lastBackup(), new Action(a.backupId(), f.succeeded() ? "accepted" : "failed", a.requestedAt(), f.at(),
            f.succeeded() ? null : f.detail()), failure);
      }
      return new Summary(s.lastBackup(), s.lastRestore(), failure);
    }
    if (e instanceof ProvisioningFailed f) return failed(s, new Failure("provision", f.step().wireName(), f.reason(), f.at()));
    if (e instanceof HostActionFailed f) return failed(s, new Failure("host-" + f.action().wireName(), null, f.reason(), f.at()));
    if (e instanceof TeardownFailed f) return failed(s, new Failure("delete", f.step().wireName(), f.reason(), f.at()));
    if (e instanceof OperationMarkedStale m) return failed(s, new Failure("operation", null, m.reason(), m.at()));
    return s;
  }

  private static Summary failed(Summary s, Failure f) {
    return new Summary(s.lastBackup(), s.lastRestore(), f);
  }
}
