package com.zerolaghub.verticles.cli;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Operator view of the projections of a deployment, as {@code zlh projections} needs it. The
 * node side is the contract's {@code listProjections} and {@code rebuildProjection} operations,
 * bound by the projections runtime.
 */
interface ProjectionAdmin {
  /** One status object per projection (name, state, checkpoint, lag). */
  List<JsonObject> list() throws AdminException;

  /** Starts rebuilding one projection beside the serving one; returns its status. */
  JsonObject rebuild(String name) throws AdminException;

  /** The node refused or could not be reached; the message says which, for an operator. */
  final class AdminException extends Exception {
    AdminException(String message) {
      super(message);
    }
  }
}
