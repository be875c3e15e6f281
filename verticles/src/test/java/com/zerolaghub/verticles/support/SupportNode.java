package com.zerolaghub.verticles.support;

import com.zerolaghub.core.accounts.AccountDecider;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.accounts.AccountEvent.RoleGranted;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.verticles.accounts.AccountsCapability;
import com.zerolaghub.verticles.accounts.SessionAuthentication;
import com.zerolaghub.verticles.config.MailConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.config.SupportConfig;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.runtime.Platform;
import com.zerolaghub.verticles.testing.TestNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A real node with accounts and support on a TestPostgres database, mailing to a given SMTP port. */
final class SupportNode implements AutoCloseable {
  final Platform platform;
  final TestPostgres.Database db;

  private SupportNode(Platform platform, TestPostgres.Database db) {
    this.platform = platform;
    this.db = db;
  }

  static SupportNode start(TestPostgres.Database db, int smtpPort) throws Exception {
    return start(db, smtpPort, SupportConfig.defaults());
  }

  static SupportNode start(TestPostgres.Database db, int smtpPort, SupportConfig support)
      throws Exception {
    PlatformConfig base = TestNode.config(db, db.port());
    PlatformConfig config = base.with(c -> c
        .http(h -> h.publicUrl("https://portal.test").trustForwardedFor(true))
        .auth(a -> a.bcryptCost(4).loginPerIp(100_000).loginPerEmail(100_000).registerPerIp(100_000).resetPerIp(100_000).resetPerEmail(100_000))
        .mail(m -> m.host("127.0.0.1").port(smtpPort).tls(MailConfig.TLS_NONE).from("ZeroLagHub <no-reply@zerolaghub.test>"))
        .support(support));
    SessionAuthentication auth = new SessionAuthentication();
    ProjectionsCapability projections = new ProjectionsCapability(auth);
    Platform platform = Platform.builder(config)
        .capabilities(List.of(projections.setup(), new AccountsCapability(auth, projections, Clock.systemUTC()),
            new SupportCapability(auth, projections, Clock.systemUTC()), projections.launch()))
        .start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    platform.context().codec().register(FakeServerRequested.class);
    // as a load balancer would: requests only once every read model has had its first build
    projections.runtime().caughtUp().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return new SupportNode(platform, db);
  }

  int port() {
    return platform.httpPort();
  }

  void serverOwnedBy(String serverId, String ownerId) throws Exception {
    platform.context().store().append(StreamId.of("server", serverId), ExpectedVersion.NO_STREAM,
        List.of(NewEvent.of(new FakeServerRequested(serverId, ownerId), EventMetadata.system("test"))))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  void makeAdmin(String userId) throws Exception {
    platform.context().store().append(AccountDecider.stream(userId), ExpectedVersion.ANY,
        List.of(NewEvent.of(new RoleGranted(userId, Role.ADMIN, "operator:test", Instant.now()), EventMetadata.system("test"))))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static void eventually(Duration within, String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not within " + within + ": " + what);
      Thread.sleep(20);
    }
  }

  long count(String sql) {
    try (Connection c = db.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() throws Exception {
    platform.stop().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }
}
