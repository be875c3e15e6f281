package com.zerolaghub.projections;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * A read model kept in PostgreSQL tables. Each generation's tables live in their own schema
 * ({@code proj_<name>_g<N>}); readers query the views {@code public.<table>}, which the
 * runtime re-points in one transaction when a rebuilt generation has caught up.
 *
 * <p>Only one node applies a table projection at a time (Redis lease); its rows and its
 * token move in the same transaction, so each event is applied exactly once.
 */
public interface TableProjection {

  /** Stable name, {@code [a-z][a-z0-9_]*}: it names the schema, the token and the lease. */
  String name();

  /** Tables {@link #ddl} creates; each is served to readers as the view {@code public.<table>}. */
  List<String> tables();

  /**
   * SQL creating this projection's tables (and indexes) inside {@code schema}; several
   * statements separated by {@code ;} are fine. Runs in the transaction that creates the
   * generation. Qualify every name with the schema: {@code CREATE TABLE <schema>.servers (...)}.
   */
  String ddl(String schema);

  /**
   * Whether this projection reads events of this stored type name. Events of other types are
   * skipped without decoding, so a type this build does not know stops only projections that
   * declare it. See {@link EventTypeNames#of}.
   */
  boolean handles(String eventType);

  /**
   * Applies a batch (in log order, only handled types, never empty) inside {@code tx}; the
   * runtime stores the token in the same transaction and commits. A failed future rolls both
   * back and the batch is retried. Write schema-qualified names: {@code <schema>.<table>}.
   */
  Future<Void> apply(SqlConnection tx, String schema, List<DecodedEvent> batch);
}
