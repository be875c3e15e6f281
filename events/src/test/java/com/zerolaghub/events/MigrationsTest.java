package com.zerolaghub.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.impl.Migrations;
import com.zerolaghub.events.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rolling upgrades run release N and N+1 side by side on one database: N+1's first node
 * migrates (expand only), and the nodes of release N that restart meanwhile run their own
 * migrations again at start. They must not refuse a schema that is one migration ahead.
 */
@DisplayName("Release N starts and writes on the schema release N+1 expanded")
class MigrationsTest {

  @Test
  void releaseNStartsAndAppendsOnASchemaOneMigrationAhead() throws Exception {
    TestPostgres.Database db = TestPostgres.freshDatabase();
    Migrations.migrate(db.jdbcUrl(), db.user(), db.password());
    // release N+1 starts first and adds its migration
    String[] next = Stream.concat(Arrays.stream(Migrations.LOCATIONS), Stream.of("classpath:db/migration-next"))
        .toArray(String[]::new);
    MigrateResult expanded = Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations(next).failOnMissingLocations(false).load().migrate();
    assertThat(expanded.migrationsExecuted).isEqualTo(1);

    // a node of release N restarts: its migrations run again and find a version they do not know
    MigrateResult again = Migrations.migrate(db.jdbcUrl(), db.user(), db.password());
    assertThat(again.success).isTrue();
    assertThat(again.migrationsExecuted).isZero();

    // and it still writes what it knows: an event row without the new column
    try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO event_log (event_id, stream_type, stream_id, stream_version, event_type, schema_version,"
          + " payload, metadata) VALUES (gen_random_uuid(), 'test', 't-1', 1, 'test.happened', 1, '{}', '{}')");
      try (ResultSet r = s.executeQuery("SELECT count(*) FROM event_log WHERE stream_id = 't-1' AND next_release_note IS NULL")) {
        r.next();
        assertThat(r.getInt(1)).isEqualTo(1);
      }
    }
  }
}
