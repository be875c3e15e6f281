package com.zerolaghub.verticles.cli;

import com.zerolaghub.verticles.audit.AuditExport;
import com.zerolaghub.verticles.audit.AuditScope;
import com.zerolaghub.verticles.audit.AuditSigningKey;
import com.zerolaghub.verticles.config.BillingConfig;
import com.zerolaghub.verticles.config.DbConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code zlh audit export}: every event touching an account in [from, to), hash chained and signed. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Writes every event touching an account recorded in [--from, --to) as signed, hash-chained NDJSON"
        + " (or a CSV view for spreadsheets).")
final class AuditExportCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;
  @Spec CommandSpec spec;

  @Option(names = "--account", required = true, paramLabel = "ID", description = "Account (user) id.")
  String account;

  @Option(names = "--from", required = true, paramLabel = "INSTANT", description = "Start, inclusive (ISO, 2026-03-01T00:00:00Z).")
  Instant from;

  @Option(names = "--to", required = true, paramLabel = "INSTANT", description = "End, exclusive.")
  Instant to;

  @Option(names = "--format", paramLabel = "FORMAT", description = "ndjson (signed, default) or csv (view, no proof).")
  String format = "ndjson";

  @Option(names = "--key", paramLabel = "PEM", description = "Ed25519 PKCS#8 private key (default: billing.auditKeyPath).")
  Path key;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path out;

  @Override
  public Integer call() throws Exception {
    AuditScope scope;
    try {
      scope = new AuditScope(account, from, to);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    AuditExport.Format fmt;
    try {
      fmt = AuditExport.Format.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--format must be ndjson or csv");
    }
    PlatformConfig platform = config.load(null);
    BillingConfig billing = platform.billing();
    AuditSigningKey signing = fmt == AuditExport.Format.NDJSON
        ? AuditSigningKey.load(key != null ? key.toString() : billing.auditKeyPath(), billing.auditKeyId()) : null;
    long count;
    try (CliDatabase database = CliDatabase.open(platform)) {
      DbConfig db = database.db();
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
        c.setReadOnly(true);
        OutputStream target = out == null ? new LineDecodingOutputStream(spec.commandLine().getOut()) : Files.newOutputStream(out);
        try {
          count = fmt == AuditExport.Format.NDJSON
              ? AuditExport.ndjson(c, scope, target, signing.key(), signing.keyId(), Instant.now())
              : AuditExport.csv(c, scope, target);
        } finally {
          if (out != null) target.close();
          else target.flush();
        }
      }
    }
    spec.commandLine().getErr().println("exported " + count + " events of account " + account + (out == null ? "" : " to " + out));
    return 0;
  }
}
