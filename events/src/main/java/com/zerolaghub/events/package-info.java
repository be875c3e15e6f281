/**
 * The event log's public API: what capabilities, projections and tests program against.
 *
 * <ul>
 *   <li>the store: {@link com.zerolaghub.events.EventStore}, its wake-up
 *       {@link com.zerolaghub.events.AppendSignal} and reading position
 *       {@link com.zerolaghub.events.Checkpoint};
 *   <li>what goes in and comes out: {@link com.zerolaghub.events.NewEvent},
 *       {@link com.zerolaghub.events.StreamAppend}, {@link com.zerolaghub.events.RecordedEvent},
 *       {@link com.zerolaghub.events.StreamId}, {@link com.zerolaghub.events.ExpectedVersion},
 *       {@link com.zerolaghub.events.AppendResult}, {@link com.zerolaghub.events.EventMetadata};
 *   <li>event types and their JSON: {@link com.zerolaghub.events.DomainEvent},
 *       {@link com.zerolaghub.events.EventType}, {@link com.zerolaghub.events.EventCodec},
 *       {@link com.zerolaghub.events.Upcaster};
 *   <li>singletons' fencing tokens: {@link com.zerolaghub.events.Fences};
 *   <li>typed failures: {@link com.zerolaghub.events.WrongExpectedVersionException},
 *       {@link com.zerolaghub.events.FencedOutException},
 *       {@link com.zerolaghub.events.EventStoreUnavailableException},
 *       {@link com.zerolaghub.events.EventDecodingException}.
 * </ul>
 *
 * <p>The PostgreSQL implementation is in {@code impl} ({@code PgEventStore} and the appender,
 * reader and group commit behind it, {@code PgFences}, {@code PgCrossNodeSignal},
 * {@code Migrations}); nothing in this package imports it. Only the application's wiring
 * constructs it — the node ({@code verticles.runtime}), the operator CLI ({@code verticles.cli})
 * and the benchmarks — and tests; everything else receives an {@code EventStore} or {@code Fences}.
 * The capabilities' events ({@code accounts}, {@code servers}, …) are in subpackages of their own.
 */
package com.zerolaghub.events;
