package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ServerEvent;

import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.WrongExpectedVersionException;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * The create I/O around the pure {@link Creation}, as an API handler does it: replay a claimed
 * key, plan on the owner's slots, append atomically, and on conflict either answer the racing
 * twin's operation or plan again on fresh slots.
 */
final class CreateFlow {
  private final EventStore store;
  private final EventCodec codec;
  private final Catalog catalog;
  private final QuotaPolicy quota;
  private final int maxAttempts;

  CreateFlow(EventStore store, EventCodec codec, Catalog catalog, QuotaPolicy quota, int maxAttempts) {
    this.store = store;
    this.codec = codec;
    this.catalog = catalog;
    this.quota = quota;
    this.maxAttempts = maxAttempts;
  }

  Future<Creation.Accepted> create(CreateServer c, EventMetadata metadata) {
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
      return store.appendAtomically(PlannedAppend.toStreamAppends(planned.appends(), metadata))
          .map(appended -> planned.accepted())
          .recover(err -> {
            if (!(err instanceof WrongExpectedVersionException) || attempt >= maxAttempts) return Future.failedFuture(err);
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
