package com.zerolaghub.verticles.cli;

import com.zerolaghub.core.accounts.PasswordHasher;
import com.zerolaghub.core.accounts.Registration;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.events.AppendSignal;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.impl.Migrations;
import com.zerolaghub.events.impl.PgEventStore;
import com.zerolaghub.verticles.accounts.AdminAccountActions;
import com.zerolaghub.verticles.config.DbConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code zlh admin create}: administrators are made here, on the database, never over HTTP. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Administrator accounts.",
    subcommands = {AdminCommand.CreateCommand.class})
final class AdminCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: create");
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {
          "Makes the account with --email an administrator.",
          "If no account has it, creates one (needs --username). Its password is read from --password-file or stdin,",
          "never from the command line. Running nodes see the change within about a second."})
  static final class CreateCommand implements Callable<Integer> {
    @Mixin ConfigOptions config;
    @Spec CommandSpec spec;

    @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "Email of the account.")
    String email;

    @Option(names = "--username", paramLabel = "NAME", description = "Username of a new account (3–24 of a–z, 0–9, _).")
    String username;

    @Option(names = "--display-name", paramLabel = "NAME", description = "Display name of a new account (default: the username).")
    String displayName;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the new account's password (default: stdin).")
    Path passwordFile;

    @Override
    public Integer call() throws Exception {
      if (Registration.validate(new Registration.Request(email, "x".repeat(Registration.PASSWORD_MIN), "valid_name", "x")).stream()
          .anyMatch(e -> e.field().equals("email"))) {
        throw usage("--email must be a valid email address");
      }
      if (passwordFile != null && !Files.isReadable(passwordFile)) throw usage("--password-file " + passwordFile + " cannot be read");
      PlatformConfig cfg = config.load(null);
      String operator = "operator:" + System.getProperty("user.name", "unknown");
      try (CliDatabase database = CliDatabase.open(cfg)) {
        DbConfig db = database.db();
        Migrations.migrate(db.jdbcUrl(), db.user(), db.password());
        Vertx vertx = Vertx.vertx();
        try {
          Pool pool = PgBuilder.pool().connectingTo(db.connectOptions()).using(vertx).build();
          EventCodec codec = new EventCodec();
          AdminAccountActions admins = new AdminAccountActions(
              new PgEventStore(pool, codec, new AppendSignal(), null, new SimpleMeterRegistry()), codec, Clock.systemUTC());
          Optional<AdminAccountActions.Outcome> promoted = await(admins.promote(email, operator));
          if (promoted.isPresent()) {
            AdminAccountActions.Outcome o = promoted.get();
            spec.commandLine().getOut()
                .println(o.display() + " (" + o.userId() + ") " + (o.changed() ? "is now" : "was already") + " an administrator");
            return 0;
          }
          if (username == null) {
            throw usage("no account has this email; to create one give --username, and the password on stdin or in --password-file");
          }
          Registration.Request request =
              new Registration.Request(email, readPassword(), username, displayName == null ? username : displayName);
          var errors = Registration.validate(request);
          if (!errors.isEmpty()) {
            throw usage(errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
          }
          String hash = new PasswordHasher(cfg.auth().bcryptCost()).hash(request.password());
          AdminAccountActions.Outcome o = await(admins.create(request, hash, operator));
          spec.commandLine().getOut().println("created administrator " + o.display() + " (" + o.userId() + ")");
          return 0;
        } finally {
          vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
      }
    }

    private String readPassword() throws IOException {
      if (passwordFile != null) {
        String first = Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        if (first.isEmpty()) throw usage("--password-file " + passwordFile + " is empty");
        return first;
      }
      Console console = System.console();
      if (console != null) {
        char[] typed = console.readPassword("Password of the new administrator: ");
        if (typed == null || typed.length == 0) throw usage("no password given");
        return new String(typed);
      }
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) throw usage("no password on stdin (give it there or in --password-file)");
      return line;
    }

    private ParameterException usage(String message) {
      return new ParameterException(spec.commandLine(), message);
    }

    private static <T> T await(Future<T> f) throws Exception {
      try {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Rejection r) throw new IllegalStateException(r.getMessage(), r);
        throw e;
      }
    }
  }
}
