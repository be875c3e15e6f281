package com.zerolaghub.verticles.cli;

import com.zerolaghub.events.impl.Migrations;
import com.zerolaghub.verticles.config.PlatformConfig;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Applies pending schema migrations and prints {\"applied\":N,\"schemaVersion\":…}. `run` migrates too.")
final class MigrateCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PlatformConfig cfg = config.load(null);
    try (CliDatabase database = CliDatabase.open(cfg)) {
      MigrateResult result = Migrations.migrate(database.db().jdbcUrl(), database.db().user(), database.db().password());
      spec.commandLine().getOut().println(new JsonObject()
          .put("applied", result.migrationsExecuted)
          .put("schemaVersion", result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion)
          .encode());
    }
    return 0;
  }
}
