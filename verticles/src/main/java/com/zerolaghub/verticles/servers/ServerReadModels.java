package com.zerolaghub.verticles.servers;

import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.servers.ServerEvents;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.ProjectionRuntime;
import com.zerolaghub.projections.servers.DevRouteProjection;
import com.zerolaghub.projections.servers.DevServerRoutes;
import com.zerolaghub.projections.servers.ServerDirectory;
import com.zerolaghub.projections.servers.ServerDirectoryProjection;
import com.zerolaghub.projections.servers.ServersTable;

/** The servers' read models: the directory and dev route table in memory, and the servers tables in PostgreSQL. */
record ServerReadModels(MemoryView<ServerDirectory> directory, MemoryView<DevServerRoutes> routes) {

  /**
   * Registers the servers' event types on {@code codec} and the read models on {@code runtime};
   * {@code onDirectoryChange} runs each time the directory publishes.
   */
  static ServerReadModels register(EventCodec codec, ProjectionRuntime runtime, Runnable onDirectoryChange) {
    codec.register(ServerEvents.TYPES);
    ServerDirectoryProjection directoryProjection = new ServerDirectoryProjection();
    MemoryView<ServerDirectory> directory = runtime.register(directoryProjection);
    MemoryView<DevServerRoutes> routes = runtime.register(new DevRouteProjection());
    runtime.register(new ServersTable());
    directoryProjection.onPublished(view -> onDirectoryChange.run());
    return new ServerReadModels(directory, routes);
  }
}
