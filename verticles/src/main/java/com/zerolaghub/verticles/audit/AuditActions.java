package com.zerolaghub.verticles.audit;

import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.operators.OperatorEvent.AuditExported;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The audit capability's only writes to the log. */
final class AuditActions {
  private final EventStore store;
  private final Clock clock;

  AuditActions(EventStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Records that {@code admin} exports {@code scope}, in a stream of its own per export. */
  Future<Void> recordExport(AuditScope scope, String admin, String reason) {
    String exportId = UUID.randomUUID().toString();
    NewEvent exported = NewEvent.of(new AuditExported(exportId, scope.accountId(), scope.from(), scope.to(), admin, reason,
        clock.instant()), EventMetadata.system("user:" + admin));
    return store.append(StreamId.of("audit-export", exportId), ExpectedVersion.NO_STREAM, List.of(exported)).mapEmpty();
  }
}
