package com.zerolaghub.verticles.cli;

import com.zerolaghub.verticles.config.DbConfig;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Streams a position range of the log as NDJSON through a server-side cursor, so memory stays
 * flat whatever the range. Reads one snapshot: events committing meanwhile are not included.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Writes the events with positions in [--from, --to] as NDJSON (one event per line) in position order.")
final class EventsExportCommand implements Callable<Integer> {
  static final int FETCH_SIZE = 500;
  private static final String SELECT =
      "SELECT position, tx_id::text AS tx, event_id::text AS event_id, stream_type, stream_id, stream_version, event_type, "
          + "schema_version, payload::text AS payload, metadata::text AS metadata, recorded_at "
          + "FROM event_log WHERE position BETWEEN ? AND ? ORDER BY position";

  @Mixin ConfigOptions config;
  @Spec CommandSpec spec;

  @Option(names = "--from", paramLabel = "POSITION", description = "First position (default: 1).")
  long from = 1;

  @Option(names = "--to", paramLabel = "POSITION", description = "Last position, inclusive (default: the end).")
  long to = Long.MAX_VALUE;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (from < 1 || to < from) {
      throw new ParameterException(spec.commandLine(), "--from must be at least 1 and --to at least --from");
    }
    try (CliDatabase database = CliDatabase.open(config.load(null))) {
      long count;
      if (out == null) {
        PrintWriter stdout = spec.commandLine().getOut();
        count = export(database.db(), stdout);
        stdout.flush();
      } else {
        try (Writer file = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
          count = export(database.db(), file);
        }
      }
      spec.commandLine().getErr().println("exported " + count + " events" + (out == null ? "" : " to " + out));
    }
    return 0;
  }

  private long export(DbConfig db, Writer target) throws Exception {
    Writer w = target instanceof BufferedWriter || target instanceof PrintWriter ? target : new BufferedWriter(target);
    long count = 0;
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.setAutoCommit(false); // a cursor (fetch size honoured) needs a transaction
      c.setReadOnly(true);
      try (PreparedStatement s = c.prepareStatement(SELECT)) {
        s.setFetchSize(FETCH_SIZE);
        s.setLong(1, from);
        s.setLong(2, to);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            w.write(EventLines.of(rs.getLong("position"), Long.parseLong(rs.getString("tx")), rs.getString("event_id"),
                rs.getString("stream_type"), rs.getString("stream_id"), rs.getLong("stream_version"),
                rs.getString("event_type"), rs.getInt("schema_version"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getString("payload"), rs.getString("metadata")));
            w.write('\n');
            count++;
          }
        }
      }
      c.rollback();
    }
    w.flush();
    return count;
  }
}
