/**
 * The event log on PostgreSQL, behind the API of {@code com.zerolaghub.events}: the store
 * ({@link com.zerolaghub.events.impl.PgEventStore}) with its group-committing appender and its
 * reader that never skips a late commit, fencing tokens ({@link com.zerolaghub.events.impl.PgFences}),
 * the batched cross-node wake-up ({@link com.zerolaghub.events.impl.PgCrossNodeSignal}) and the
 * schema migrations ({@link com.zerolaghub.events.impl.Migrations}). Only wiring (the node, the CLI,
 * benchmarks) and tests construct these; everything else uses the interfaces.
 */
package com.zerolaghub.events.impl;
