package com.zerolaghub.events.impl;

import com.zerolaghub.events.AppendResult;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventStoreUnavailableException;
import com.zerolaghub.events.EventType;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.FencedOutException;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.StreamAppend;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.WrongExpectedVersionException;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  // Many appends, one statement, one row per event: its stream, the append's expected last
  // version (-1 for "any") and its place in the append. Every event of an append sees the same
  // current version (a statement never sees its own rows), so a stale append inserts none of its
  // events while the others land. Rows are inserted in array order: positions follow the appends.
  // A no-stream append (expected 0) skips the look-up: its versions start at 1, so the unique
  // (stream, version) key alone refuses it if the stream exists (as APPEND_FIRST does), which
  // fails the statement and the group is replayed append by append (PgGroupCommit). The look-up
  // was ~9 of ~30 us per row, and creates are the commonest appends.
  private static final String APPEND_GROUP =
      "INSERT INTO event_log (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata) "
          + "SELECT e.id, e.stream_type, e.stream_id, CASE WHEN e.expected < 0 THEN cur.v ELSE e.expected END + e.ord, "
          + "e.type, e.ver, e.payload::jsonb, e.meta::jsonb "
          + "FROM unnest($1::text[], $2::text[], $3::bigint[], $4::int[], $5::uuid[], $6::text[], $7::int[], $8::text[], $9::text[]) "
          + "AS e(stream_type, stream_id, expected, ord, id, type, ver, payload, meta) "
          + "CROSS JOIN LATERAL (SELECT CASE WHEN e.expected = 0 THEN 0 ELSE "
          + "(SELECT coalesce(max(l.stream_version), 0) FROM event_log l "
          + "WHERE l.stream_type = e.stream_type AND l.stream_id = e.stream_id) END AS v) cur "
          + "WHERE e.expected < 0 OR cur.v = e.expected "
          + "RETURNING event_id, " + COLUMNS;

  private static final int ANY_RETRIES = 10;

  private final Pool pool;
  private final EventCodec codec;

  PgEventAppender(Pool pool, EventCodec codec) {
    this.pool = pool;
    this.codec = codec;
  }

  Future<AppendResult> append(StreamId stream, ExpectedVersion expected, List<NewEvent> events) {
    if (events.isEmpty()) throw new IllegalArgumentException("nothing to append to " + stream);
    return appendEncoded(stream, expected, events, encode(events));
  }

  /** One append on its own: its own statement and commit. */
  Future<AppendResult> appendEncoded(StreamId stream, ExpectedVersion expected, List<NewEvent> events, Encoded enc) {
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

  /**
   * Several appends to distinct streams in one statement, hence one transaction and one commit.
   * Each append is checked against its own stream's version: an append whose stream is not
   * where it expects inserts nothing and comes back null, the others land. Any error of the
   * statement (a racing writer on another node, a fenced-out token) lands nothing at all.
   */
  Future<AppendResult[]> appendGroup(List<Queued> group) {
    int appends = group.size();
    int rows = 0;
    for (Queued q : group) rows += q.events().size();
    String[] streamTypes = new String[rows];
    String[] streamIds = new String[rows];
    Long[] expected = new Long[rows];
    Integer[] ords = new Integer[rows];
    UUID[] ids = new UUID[rows];
    String[] types = new String[rows];
    Integer[] versions = new Integer[rows];
    String[] payloads = new String[rows];
    String[] metadata = new String[rows];
    Map<UUID, int[]> slots = new HashMap<>(rows * 2);
    int r = 0;
    for (int a = 0; a < appends; a++) {
      Queued q = group.get(a);
      long expectedVersion = q.expected() instanceof ExpectedVersion.Exactly e ? e.version()
          : q.expected() instanceof ExpectedVersion.NoStream ? 0L : -1L;
      Encoded enc = q.enc();
      for (int i = 0; i < enc.ids.length; i++, r++) {
        streamTypes[r] = q.stream().type();
        streamIds[r] = q.stream().id();
        expected[r] = expectedVersion;
        ords[r] = i + 1;
        ids[r] = enc.ids[i];
        types[r] = enc.types[i];
        versions[r] = enc.versions[i];
        payloads[r] = enc.payloads[i];
        metadata[r] = enc.metadata[i];
        slots.put(enc.ids[i], new int[] {a, i});
      }
    }
    Tuple params = Tuple.tuple().addArrayOfString(streamTypes).addArrayOfString(streamIds).addArrayOfLong(expected)
        .addArrayOfInteger(ords).addArrayOfUUID(ids).addArrayOfString(types).addArrayOfInteger(versions)
        .addArrayOfString(payloads).addArrayOfString(metadata);
    return pool.preparedQuery(APPEND_GROUP).execute(params).map(rowSet -> {
      RecordedEvent[][] recorded = new RecordedEvent[appends][];
      for (Row row : rowSet) {
        int[] slot = slots.get(row.getUUID("event_id"));
        Queued q = group.get(slot[0]);
        if (recorded[slot[0]] == null) recorded[slot[0]] = new RecordedEvent[q.events().size()];
        recorded[slot[0]][slot[1]] = recorded(q.stream(), row, q.events().get(slot[1]), q.enc(), slot[1]);
      }
      AppendResult[] results = new AppendResult[appends];
      for (int a = 0; a < appends; a++) {
        if (recorded[a] == null) continue; // its stream was not at the expected version
        List<RecordedEvent> events = List.of(recorded[a]);
        results[a] = new AppendResult(events.get(events.size() - 1).streamVersion(), events);
      }
      return results;
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

  private static RecordedEvent recorded(StreamId stream, Row row, NewEvent e, Encoded enc, int i) {
    return new RecordedEvent(
        row.getLong("position"), Long.parseLong(row.getString("tx")), e.eventId(), stream, row.getLong("stream_version"),
        enc.types[i], enc.versions[i], enc.payloads[i], e.metadata(), row.getOffsetDateTime("recorded_at").toInstant());
  }

  static Throwable translate(Throwable err, StreamId stream, ExpectedVersion expected) {
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

  Encoded encode(List<NewEvent> events) {
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

  record Encoded(UUID[] ids, String[] types, Integer[] versions, String[] payloads, String[] metadata) {}

  /** One append waiting for a group commit, its events already encoded. */
  record Queued(StreamId stream, ExpectedVersion expected, List<NewEvent> events, Encoded enc) {}
}
