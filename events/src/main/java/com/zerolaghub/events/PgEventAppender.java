package com.zerolaghub.events;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Appends with one INSERT statement per command: the version check, the rows and the commit
 * are one round trip, and nothing (no NOTIFY, no side table) serializes concurrent appends.
 */
final class PgEventAppender {
  private static final String COLUMNS =
      "position, tx_id::text AS tx, stream_version, recorded_at";

  // $3 = expected last version; the WHERE makes a stale or gapped expectation insert nothing,
  // and the unique (stream, version) key catches two writers racing past the check.
  private static final String APPEND_EXPECTED =
      "INSERT INTO event_log (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata) "
          + "SELECT e.id, $1, $2, $3 + e.ord, e.type, e.ver, e.payload::jsonb, e.meta::jsonb "
          + "FROM unnest($4::uuid[], $5::text[], $6::int[], $7::text[], $8::text[]) WITH ORDINALITY AS e(id, type, ver, payload, meta, ord) "
          + "WHERE coalesce((SELECT max(stream_version) FROM event_log WHERE stream_type = $1 AND stream_id = $2), 0) = $3 "
          + "RETURNING " + COLUMNS;

  // One event, no stream yet: the unique (stream, version 1) key alone enforces "no stream",
  // so this is the same single-row INSERT a hand-written loader would do.
  private static final String APPEND_FIRST =
      "INSERT INTO event_log (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata) "
          + "VALUES ($3, $1, $2, 1, $4, $5, $6::text::jsonb, $7::text::jsonb) RETURNING " + COLUMNS;

  // One event after a known version: a single row, with the same no-gap guard as above.
  private static final String APPEND_ONE_EXPECTED =
      "INSERT INTO event_log (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata) "
          + "SELECT $4, $1, $2, $3 + 1, $5, $6, $7::text::jsonb, $8::text::jsonb "
          + "WHERE coalesce((SELECT max(stream_version) FROM event_log WHERE stream_type = $1 AND stream_id = $2), 0) = $3 "
          + "RETURNING " + COLUMNS;

  private static final String APPEND_ANY =
      "INSERT INTO event_log (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata) "
          + "SELECT e.id, $1, $2, cur.v + e.ord, e.type, e.ver, e.payload::jsonb, e.meta::jsonb "
          + "FROM unnest($3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[]) WITH ORDINALITY AS e(id, type, ver, payload, meta, ord), "
          + "(SELECT coalesce(max(stream_version), 0) AS v FROM event_log WHERE stream_type = $1 AND stream_id = $2) cur "
          + "RETURNING " + COLUMNS;

  private static final int ANY_RETRIES = 10;

  private final Pool pool;
  private final EventCodec codec;

  PgEventAppender(Pool pool, EventCodec codec) {
    this.pool = pool;
    this.codec = codec;
  }

  Future<AppendResult> append(StreamId stream, ExpectedVersion expected, List<NewEvent> events) {
    if (events.isEmpty()) throw new IllegalArgumentException("nothing to append to " + stream);
    Encoded enc = encode(events);
    if (expected instanceof ExpectedVersion.Exactly exactly) {
      return appendExpected(stream, expected, exactly.version(), enc, events);
    }
    if (expected instanceof ExpectedVersion.NoStream) {
      return appendExpected(stream, expected, 0, enc, events);
    }
    return appendAny(stream, enc, events, ANY_RETRIES);
  }

  /** Each stream's statement runs in one transaction; a failed expectation rolls all back. */
  Future<List<AppendResult>> appendAtomically(List<StreamAppend> appends) {
    if (appends.stream().anyMatch(a -> a.expected() instanceof ExpectedVersion.Any)) {
      throw new IllegalArgumentException("atomic appends need an expected version per stream");
    }
    return pool.withTransaction(conn -> {
      Future<List<AppendResult>> chain = Future.succeededFuture(new ArrayList<>());
      for (StreamAppend a : appends) {
        long version = a.expected() instanceof ExpectedVersion.Exactly e ? e.version() : 0;
        Encoded enc = encode(a.events());
        chain = chain.compose(results -> conn.preparedQuery(APPEND_EXPECTED).execute(expectedParams(a.stream(), version, enc))
            .recover(err -> Future.failedFuture(translate(err, a.stream(), a.expected())))
            .compose(rows -> {
              if (rows.size() != a.events().size()) {
                return Future.failedFuture(new WrongExpectedVersionException(a.stream(), a.expected()));
              }
              results.add(result(a.stream(), rows, a.events(), enc));
              return Future.succeededFuture(results);
            }));
      }
      return chain;
    });
  }

  private static Tuple expectedParams(StreamId stream, long version, Encoded enc) {
    return Tuple.of(stream.type(), stream.id(), version)
        .addArrayOfUUID(enc.ids).addArrayOfString(enc.types).addArrayOfInteger(enc.versions)
        .addArrayOfString(enc.payloads).addArrayOfString(enc.metadata);
  }

  private Future<AppendResult> appendExpected(StreamId stream, ExpectedVersion expected, long version, Encoded enc, List<NewEvent> events) {
    String sql;
    Tuple params;
    if (events.size() > 1) {
      sql = APPEND_EXPECTED;
      params = expectedParams(stream, version, enc);
    } else if (version == 0) {
      sql = APPEND_FIRST;
      params = Tuple.of(stream.type(), stream.id(), enc.ids[0], enc.types[0], enc.versions[0], enc.payloads[0], enc.metadata[0]);
    } else {
      sql = APPEND_ONE_EXPECTED;
      params = Tuple.of(stream.type(), stream.id(), version, enc.ids[0], enc.types[0], enc.versions[0])
          .addString(enc.payloads[0]).addString(enc.metadata[0]);
    }
    return pool.preparedQuery(sql).execute(params)
        .recover(err -> Future.failedFuture(translate(err, stream, expected)))
        .compose(rows -> rows.size() == events.size()
            ? Future.succeededFuture(result(stream, rows, events, enc))
            : Future.failedFuture(new WrongExpectedVersionException(stream, expected)));
  }

  private Future<AppendResult> appendAny(StreamId stream, Encoded enc, List<NewEvent> events, int retriesLeft) {
    Tuple params = Tuple.of(stream.type(), stream.id())
        .addArrayOfUUID(enc.ids).addArrayOfString(enc.types).addArrayOfInteger(enc.versions)
        .addArrayOfString(enc.payloads).addArrayOfString(enc.metadata);
    return pool.preparedQuery(APPEND_ANY).execute(params)
        .map(rows -> result(stream, rows, events, enc))
        .recover(err -> {
          Throwable t = translate(err, stream, ExpectedVersion.ANY);
          if (t instanceof WrongExpectedVersionException && retriesLeft > 0) {
            return appendAny(stream, enc, events, retriesLeft - 1);
          }
          return Future.failedFuture(t);
        });
  }

  private AppendResult result(StreamId stream, RowSet<Row> rows, List<NewEvent> events, Encoded enc) {
    List<RecordedEvent> recorded = new ArrayList<>(events.size());
    long last = 0;
    int i = 0;
    for (Row row : rows) {
      NewEvent e = events.get(i);
      last = row.getLong("stream_version");
      recorded.add(new RecordedEvent(
          row.getLong("position"), Long.parseLong(row.getString("tx")), e.eventId(), stream, last,
          enc.types[i], enc.versions[i], enc.payloads[i], e.metadata(), row.getOffsetDateTime("recorded_at").toInstant()));
      i++;
    }
    return new AppendResult(last, recorded);
  }

  private static Throwable translate(Throwable err, StreamId stream, ExpectedVersion expected) {
    if (err instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      // Either key: the stream moved on, or this very event id was appended before (a retried request).
      return new WrongExpectedVersionException(stream, expected);
    }
    if (err instanceof PgException pg && "ZF001".equals(pg.getSqlState())) {
      return new FencedOutException(pg.getErrorMessage());
    }
    if (err instanceof PgException) return err;
    return new EventStoreUnavailableException("event store unavailable: " + err.getMessage(), err);
  }

  private Encoded encode(List<NewEvent> events) {
    int n = events.size();
    Encoded enc = new Encoded(new UUID[n], new String[n], new Integer[n], new String[n], new String[n]);
    for (int i = 0; i < n; i++) {
      NewEvent e = events.get(i);
      EventType type = codec.typeOf(e.event());
      enc.ids[i] = e.eventId();
      enc.types[i] = type.name();
      enc.versions[i] = type.version();
      enc.payloads[i] = codec.encode(e.event());
      enc.metadata[i] = codec.encode(e.metadata());
    }
    return enc;
  }

  private record Encoded(UUID[] ids, String[] types, Integer[] versions, String[] payloads, String[] metadata) {}
}
