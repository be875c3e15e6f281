package com.zerolaghub.events;

import com.zerolaghub.events.impl.PgEventStore;
import com.zerolaghub.events.testing.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** A fresh database and a store on it. */
final class StoreFixture {
  final TestPostgres.Database db;
  final Pool pool;
  final EventCodec codec;
  final PgEventStore store;

  StoreFixture(Vertx vertx, EventCodec codec) {
    this.db = TestPostgres.freshDatabase();
    this.codec = codec;
    this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(db.connectOptions()).using(vertx).build();
    this.store = new PgEventStore(pool, codec, new AppendSignal(), null, new SimpleMeterRegistry());
  }
}
