package com.zerolaghub.core.servers.run;

import com.zerolaghub.events.EventMetadata;
import io.vertx.core.Future;
import java.util.function.BooleanSupplier;

/** What a worker calls to carry a server's current operation on: {@link OperationRunner}, or a benchmark's stand-in. */
public interface OperationRun {
  /** See {@link OperationRunner#run}. */
  Future<OperationRunner.Result> run(String serverId, EventMetadata metadata, BooleanSupplier inCharge);
}
