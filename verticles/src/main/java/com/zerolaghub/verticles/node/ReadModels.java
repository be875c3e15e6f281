package com.zerolaghub.verticles.node;

import com.zerolaghub.projections.ProjectionRuntime;

/**
 * Where a capability registers its read models while it starts: the node's one projection
 * runtime (one read of the log feeds them all). Available once the projections setup ran.
 */
public interface ReadModels {
  ProjectionRuntime runtime();
}
