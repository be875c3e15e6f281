package com.zerolaghub.verticles.servers;

import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.servers.ServerDirectory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds which server an operation belongs to: operations this node just accepted are known at
 * once; others come from the {@link ServerDirectory}, which may trail the log by a moment, so a
 * miss waits briefly for it before answering "unknown".
 */
final class OperationLocator {
  /** Whose operation it is and on which server. */
  record Located(String operationId, String serverId, String ownerId) {}

  static final long WAIT_MS = 2_000;
  private static final long POLL_MS = 20;
  private static final int RECENT = 10_000;

  private final Vertx vertx;
  private final MemoryView<ServerDirectory> directory;
  private final Map<String, Located> recent = new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Located> eldest) {
      return size() > RECENT;
    }
  };

  OperationLocator(Vertx vertx, MemoryView<ServerDirectory> directory) {
    this.vertx = vertx;
    this.directory = directory;
  }

  void remember(String operationId, String serverId, String ownerId) {
    synchronized (recent) {
      recent.put(operationId, new Located(operationId, serverId, ownerId));
    }
  }

  Future<Optional<Located>> find(String operationId) {
    Optional<Located> now = lookup(operationId);
    if (now.isPresent()) return Future.succeededFuture(now);
    Promise<Optional<Located>> found = Promise.promise();
    poll(operationId, System.currentTimeMillis() + WAIT_MS, found);
    return found.future();
  }

  private void poll(String operationId, long deadline, Promise<Optional<Located>> found) {
    vertx.setTimer(POLL_MS, t -> {
      Optional<Located> now = lookup(operationId);
      if (now.isPresent() || System.currentTimeMillis() >= deadline) {
        found.complete(now);
      } else {
        poll(operationId, deadline, found);
      }
    });
  }

  private Optional<Located> lookup(String operationId) {
    synchronized (recent) {
      Located hit = recent.get(operationId);
      if (hit != null) return Optional.of(hit);
    }
    return directory.current().operation(operationId)
        .map(op -> new Located(op.operationId(), op.serverId(), op.ownerId()));
  }
}
