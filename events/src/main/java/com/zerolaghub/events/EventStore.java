package com.zerolaghub.events;

import io.vertx.core.Future;
import java.util.List;

/** The append-only log: the only source of truth. */
public interface EventStore {

  /**
   * Appends events to one stream in one transaction. Fails with
   * {@link WrongExpectedVersionException} when the stream is not at {@code expected}.
   */
  Future<AppendResult> append(StreamId stream, ExpectedVersion expected, List<NewEvent> events);

  /**
   * Appends to several streams in one transaction: all or nothing. For the rare commands that
   * claim a natural key and create an entity together (an email and its account).
   */
  Future<List<AppendResult>> appendAtomically(List<StreamAppend> appends);

  /** Every event of one stream, in stream order. */
  Future<List<RecordedEvent>> readStream(StreamId stream);

  /**
   * Up to {@code limit} committed events after {@code after}, in commit-visible order. Never
   * skips an event whose transaction commits after a later-positioned one.
   */
  Future<List<RecordedEvent>> readAfter(Checkpoint after, int limit);

  /**
   * Number of committed, visible events after {@code after} (a reader's lag), counting at most
   * {@code cap} of them so that measuring a reader far behind stays cheap.
   */
  Future<Long> countAfter(Checkpoint after, long cap);

  /** Registers a callback run (on the caller's context) soon after any append on any node. */
  AppendSignal signal();
}
