package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.core.servers.Catalog;
import com.zerolaghub.core.servers.CreateServer;
import com.zerolaghub.core.servers.Creation;
import com.zerolaghub.core.servers.OwnerSlots;
import com.zerolaghub.core.servers.PlannedAppend;
import com.zerolaghub.core.servers.QuotaPolicy;
import com.zerolaghub.core.servers.ServerStreams;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.WrongExpectedVersionException;
import com.zerolaghub.events.servers.ServerEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * The I/O around the pure {@link Creation}: replay a claimed idempotency key, plan on the
 * owner's slots, append key claim, slot and server atomically; on a conflict answer the racing
 * twin's operation, or plan again on the slots as they are now.
 */
final class ServerCreation {
  private static final int MAX_ATTEMPTS = 10;

  private final EventStore store;
  private final EventCodec codec;
  private final Catalog catalog;
  private final QuotaPolicy quota;
  private final ConcurrentHashMap<String, Future<?>> lanes = new ConcurrentHashMap<>();

  ServerCreation(EventStore store, EventCodec codec, Catalog catalog, QuotaPolicy quota) {
    this.store = store;
    this.codec = codec;
    this.catalog = catalog;
    this.quota = quota;
  }

  /**
   * One account's creates on this node take turns (its last create's future per owner): each
   * decides on the slots the one before it left, instead of racing it to the same stream version.
   * Racing another node is still settled by re-reading and deciding again, a bounded number of times.
   */
  Future<Creation.Accepted> create(CreateServer c, EventMetadata metadata) {
    Promise<Creation.Accepted> done = Promise.promise();
    Future<Creation.Accepted> mine = done.future();
    Future<?> before = lanes.put(c.ownerId(), mine);
    mine.onComplete(x -> lanes.remove(c.ownerId(), mine));
    if (before == null) {
      decideInto(c, metadata, done);
    } else {
      before.onComplete(x -> decideInto(c, metadata, done));
    }
    return mine;
  }

  /** Never leaves {@code done} open: a stuck turn would stall the account's later creates. */
  private void decideInto(CreateServer c, EventMetadata metadata, Promise<Creation.Accepted> done) {
    try {
      decide(c, metadata).onComplete(done);
    } catch (RuntimeException e) {
      done.tryFail(e);
    }
  }

  private Future<Creation.Accepted> decide(CreateServer c, EventMetadata metadata) {
    return readClaim(c).compose(claim -> {
      Optional<Creation.Accepted> existing;
      try {
        existing = Creation.replay(c, claim);
      } catch (Rejection r) {
        return Future.failedFuture(r);
      }
      return existing.map(Future::succeededFuture).orElseGet(() -> attempt(c, metadata, 1));
    });
  }

  private Future<Creation.Accepted> attempt(CreateServer c, EventMetadata metadata, int attempt) {
    return read(ServerStreams.ownerServers(c.ownerId())).compose(slotEvents -> {
      Creation.Planned planned;
      try {
        planned = Creation.plan(c, OwnerSlots.fold(slotEvents), catalog, quota);
      } catch (Rejection r) {
        return Future.failedFuture(r);
      }
      return store.appendAtomically(PlannedAppend.toStreamAppends(planned.appends(), metadata.withCorrelation(c.operationId())))
          .map(appended -> planned.accepted())
          .recover(err -> {
            if (!(err instanceof WrongExpectedVersionException) || attempt >= MAX_ATTEMPTS) return Future.failedFuture(err);
            return readClaim(c).compose(claim -> {
              Creation.Resolution resolution;
              try {
                resolution = Creation.onConflict(c, claim);
              } catch (Rejection r) {
                return Future.failedFuture(r);
              }
              if (resolution instanceof Creation.Resolution.Existing e) return Future.succeededFuture(e.accepted());
              return attempt(c, metadata, attempt + 1);
            });
          });
    });
  }

  private Future<List<ServerEvent>> readClaim(CreateServer c) {
    if (c.idempotencyKey() == null) return Future.succeededFuture(List.of());
    return read(ServerStreams.idempotency(c.ownerId(), c.idempotencyKey()));
  }

  private Future<List<ServerEvent>> read(StreamId stream) {
    return store.readStream(stream).map(events -> events.stream().map(e -> (ServerEvent) codec.decode(e)).toList());
  }
}
