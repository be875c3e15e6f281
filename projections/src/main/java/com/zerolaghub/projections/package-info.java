/**
 * Read models and the tracking-processor runtime that keeps them up to date from the log.
 *
 * <p>Public face: {@link com.zerolaghub.projections.ProjectionRuntime} (register, start, stop,
 * status, rebuild, caughtUp), the two kinds of read model
 * ({@link com.zerolaghub.projections.TableProjection} in PostgreSQL, exactly-once, one node at a
 * time; {@link com.zerolaghub.projections.MemoryProjection} on every node, rebuilt at start) and
 * what they receive ({@link com.zerolaghub.projections.DecodedEvent}). Everything else in this
 * package is the runtime's machinery. Tables: {@code projection_token},
 * {@code projection_generation} (migration V100) and one schema per generation,
 * {@code proj_<name>_g<N>}, served through the views {@code public.<table>}.
 */
package com.zerolaghub.projections;
