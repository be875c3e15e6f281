package com.zerolaghub.verticles.projections;

import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.operators.OperatorEvent.ProjectionRebuildRequested;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;

/** The projections capability's only write to the log: who asked for a rebuild, and why. */
final class ProjectionActions {
  private final EventStore store;
  private final Clock clock;

  ProjectionActions(EventStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Records an administrator's request to rebuild {@code name} from {@code generation}, on {@code projection/<name>}. */
  Future<Void> rebuildRequested(String name, int generation, String adminId, String reason) {
    NewEvent asked = NewEvent.of(new ProjectionRebuildRequested(name, generation, adminId, reason, clock.instant()),
        EventMetadata.system("user:" + adminId));
    return store.append(StreamId.of("projection", name), ExpectedVersion.ANY, List.of(asked)).mapEmpty();
  }
}
