package com.zerolaghub.events.impl;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Schema migrations by Flyway (blocking JDBC: call from a worker or before Vert.x starts).
 * Each module keeps its scripts under {@code db/migration/<module>} with its own version range:
 * events 1–99, projections 100–199, core 200–999.
 *
 * <p>Migrations are expand/contract (docs/maintenance.md): during a rolling upgrade the nodes of
 * the previous release restart on a schema the new release already migrated, so a migration
 * applied in the database but unknown here (a future one) is ignored rather than refused.
 */
public final class Migrations {
  public static final String[] LOCATIONS = {
      "classpath:db/migration/events", "classpath:db/migration/projections", "classpath:db/migration/core"
  };

  private Migrations() {}

  public static MigrateResult migrate(String jdbcUrl, String user, String password) {
    return Flyway.configure()
        .dataSource(jdbcUrl, user, password)
        .locations(LOCATIONS)
        .failOnMissingLocations(false)
        .ignoreMigrationPatterns("*:future")
        .load()
        .migrate();
  }
}
