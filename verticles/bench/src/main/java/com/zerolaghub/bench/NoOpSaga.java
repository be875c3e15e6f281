package com.zerolaghub.bench;

import com.zerolaghub.core.servers.OperationView;
import com.zerolaghub.core.servers.ProvisioningRecords;
import com.zerolaghub.core.servers.run.OperationRun;
import com.zerolaghub.core.servers.run.OperationRunner;
import com.zerolaghub.core.servers.run.ServerLog;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.servers.ProvisioningPhase;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * A saga that does nothing: each operation is closed at once (one read, one append). The same
 * worker, directory and API around it as the real saga, so the ratio of the two shows what the
 * saga's steps cost. The domain refuses "ready" without its steps' outcomes, so the one record
 * is a failure with reason "no-op saga": the same cost as a one-event success.
 */
final class NoOpSaga implements OperationRun {
  private final ServerLog log;
  private final Clock clock = Clock.systemUTC();

  NoOpSaga(ServerLog log) {
    this.log = log;
  }

  @Override
  public Future<OperationRunner.Result> run(String serverId, EventMetadata metadata, BooleanSupplier inCharge) {
    return log.load(serverId).compose(loaded -> {
      OperationView op = loaded.state().operation();
      if (op == null || !op.inProgress()) {
        return Future.succeededFuture(new OperationRunner.Result(op == null ? null : op.operationId(), op != null));
      }
      return log.record(ProvisioningRecords.failed(loaded.state(), ProvisioningPhase.ALLOCATE_VMID, "no-op saga", false,
              clock.instant()), metadata.withCorrelation(op.operationId()))
          .map(after -> new OperationRunner.Result(op.operationId(), true));
    });
  }
}
