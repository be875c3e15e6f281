package com.zerolaghub.core.command;

import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.WrongExpectedVersionException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Load stream → fold with evolve → decide → append at the version read. A concurrent writer
 * makes the append conflict; the command is then decided again on the fresh state, a bounded
 * number of times.
 */
public final class CommandHandler {
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  private final EventStore store;
  private final EventCodec codec;
  private final int maxAttempts;

  public CommandHandler(EventStore store, EventCodec codec) {
    this(store, codec, DEFAULT_MAX_ATTEMPTS);
  }

  public CommandHandler(EventStore store, EventCodec codec, int maxAttempts) {
    this.store = store;
    this.codec = codec;
    this.maxAttempts = maxAttempts;
  }

  public <C, S, E extends DomainEvent> Future<CommandResult<S>> handle(
      StreamId stream, Decider<C, S, E> decider, C command, EventMetadata metadata) {
    return attempt(stream, decider, command, metadata, 1);
  }

  /**
   * Like {@link #handle(StreamId, Decider, Object, EventMetadata)}, but decides first on
   * {@code known} (a state the caller read or wrote itself) without reading the stream; the
   * append at its version still detects any other writer, and only then is the stream read.
   */
  public <C, S, E extends DomainEvent> Future<CommandResult<S>> handle(
      StreamId stream, Decider<C, S, E> decider, C command, EventMetadata metadata, Loaded<S> known) {
    return decideAndAppend(stream, decider, command, metadata, known, 1, false);
  }

  /** Folds a stream's current state without deciding anything. */
  public <C, S, E extends DomainEvent> Future<Loaded<S>> load(StreamId stream, Decider<C, S, E> decider) {
    return store.readStream(stream).map(events -> {
      S state = decider.initialState();
      for (RecordedEvent e : events) state = decider.evolve(state, cast(codec.decode(e)));
      return new Loaded<>(state, events.isEmpty() ? 0 : events.get(events.size() - 1).streamVersion());
    });
  }

  public record Loaded<S>(S state, long version) {}

  private <C, S, E extends DomainEvent> Future<CommandResult<S>> attempt(
      StreamId stream, Decider<C, S, E> decider, C command, EventMetadata metadata, int attempt) {
    return load(stream, decider).compose(loaded -> decideAndAppend(stream, decider, command, metadata, loaded, attempt, true));
  }

  /** A rejection or a no-op decided on a caller's {@code known} state is checked again on a fresh read. */
  private <C, S, E extends DomainEvent> Future<CommandResult<S>> decideAndAppend(
      StreamId stream, Decider<C, S, E> decider, C command, EventMetadata metadata, Loaded<S> loaded, int attempt,
      boolean fresh) {
    List<E> decided;
    try {
      decided = decider.decide(command, loaded.state());
    } catch (Rejection r) {
      return fresh ? Future.failedFuture(r) : attempt(stream, decider, command, metadata, attempt);
    }
    if (decided.isEmpty()) {
      return fresh ? Future.succeededFuture(new CommandResult<>(loaded.state(), loaded.version(), List.of()))
          : attempt(stream, decider, command, metadata, attempt);
    }
    List<NewEvent> toAppend = new ArrayList<>(decided.size());
    S next = loaded.state();
    for (E e : decided) {
      toAppend.add(NewEvent.of(e, metadata));
      next = decider.evolve(next, e);
    }
    S finalState = next;
    return store.append(stream, ExpectedVersion.exactly(loaded.version()), toAppend)
        .map(r -> new CommandResult<>(finalState, r.streamVersion(), r.events()))
        .recover(err -> err instanceof WrongExpectedVersionException && attempt < maxAttempts
            ? attempt(stream, decider, command, metadata, attempt + 1)
            : Future.failedFuture(err));
  }

  @SuppressWarnings("unchecked")
  private static <E> E cast(DomainEvent e) {
    return (E) e;
  }
}
