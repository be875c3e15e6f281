package com.zerolaghub.core.servers.run;

import com.zerolaghub.core.command.CommandHandler;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.core.servers.PlannedAppend;
import com.zerolaghub.core.servers.ServerCommand;
import com.zerolaghub.core.servers.ServerDecider;
import com.zerolaghub.core.servers.ServerState;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerEvent.OperationEvent;
import io.vertx.core.Future;
import java.util.List;

/**
 * The log as runners use it: a server's state, its records through {@link ServerDecider}
 * (which drops duplicates and refuses stale operations), and the atomic multi-stream writes of
 * vmid allocation and deletion.
 */
public final class ServerLog {
  private final EventStore store;
  private final EventCodec codec;
  private final CommandHandler handler;
  private final ServerDecider decider = new ServerDecider();

  public ServerLog(EventStore store, EventCodec codec) {
    this.store = store;
    this.codec = codec;
    this.handler = new CommandHandler(store, codec);
  }

  public Future<CommandHandler.Loaded<ServerState>> load(String serverId) {
    return handler.load(ServerDecider.stream(serverId), decider);
  }

  /**
   * Records a runner's event and answers the state after it. A stale operation (another
   * runner moved the server on) fails with {@link RunnerStopped}: nothing more to do here.
   */
  public Future<ServerState> record(OperationEvent event, EventMetadata metadata) {
    return recordOn(null, event, metadata).map(CommandHandler.Loaded::state);
  }

  /**
   * Like {@link #record(OperationEvent, EventMetadata)}, deciding on {@code known} (when not
   * null) instead of reading the stream first; answers the state and version after the record.
   */
  public Future<CommandHandler.Loaded<ServerState>> recordOn(CommandHandler.Loaded<ServerState> known, OperationEvent event,
                                                             EventMetadata metadata) {
    return handle(known, event.serverId(), new ServerCommand.Record(event), metadata);
  }

  /** Several records decided in order and appended together (one durable write); see {@link ServerCommand.RecordInOrder}. */
  public Future<CommandHandler.Loaded<ServerState>> recordOn(CommandHandler.Loaded<ServerState> known, List<OperationEvent> events,
                                                             EventMetadata metadata) {
    if (events.size() == 1) return recordOn(known, events.get(0), metadata);
    return handle(known, events.get(0).serverId(), new ServerCommand.RecordInOrder(events), metadata);
  }

  /** Decides on {@code known} (or the stream read afresh); a refusal means another runner moved the server on. */
  private Future<CommandHandler.Loaded<ServerState>> handle(CommandHandler.Loaded<ServerState> known, String serverId,
                                                            ServerCommand command, EventMetadata metadata) {
    StreamId stream = ServerDecider.stream(serverId);
    return (known == null ? handler.handle(stream, decider, command, metadata)
            : handler.handle(stream, decider, command, metadata, known))
        .map(r -> new CommandHandler.Loaded<>(r.state(), r.version()))
        .recover(err -> err instanceof Rejection r
            ? Future.failedFuture(new RunnerStopped(r.getMessage()))
            : Future.failedFuture(err));
  }

  public Future<List<ServerEvent>> read(StreamId stream) {
    return store.readStream(stream).map(events -> events.stream().map(e -> (ServerEvent) codec.decode(e)).toList());
  }

  /** All or nothing; fails with {@code WrongExpectedVersionException} when a stream moved. */
  public Future<Void> appendAtomically(List<PlannedAppend> appends, EventMetadata metadata) {
    return store.appendAtomically(PlannedAppend.toStreamAppends(appends, metadata)).mapEmpty();
  }

  /**
   * Like {@link #appendAtomically(List, EventMetadata)}; answers the server's state and version
   * after the write, folded from {@code known} (its state read or recorded before) and the events appended to its stream at
   * {@code known}'s version (the store refused the write otherwise), without reading the stream
   * again. Null when the write did not append to that stream at that version.
   */
  public Future<CommandHandler.Loaded<ServerState>> appendAtomicallyOn(String serverId, CommandHandler.Loaded<ServerState> known,
                                                                       List<PlannedAppend> appends, EventMetadata metadata) {
    int mine = -1;
    if (known != null) {
      StreamId stream = ServerDecider.stream(serverId);
      ExpectedVersion at = ExpectedVersion.exactly(known.version());
      for (int i = 0; i < appends.size(); i++) {
        if (appends.get(i).stream().equals(stream) && appends.get(i).expected().equals(at)) mine = i;
      }
    }
    int index = mine;
    return store.appendAtomically(PlannedAppend.toStreamAppends(appends, metadata)).map(results -> {
      if (index < 0) return null;
      ServerState state = known.state();
      for (ServerEvent e : appends.get(index).events()) state = decider.evolve(state, e);
      return new CommandHandler.Loaded<>(state, results.get(index).streamVersion());
    });
  }
}
