package com.zerolaghub.verticles.accounts;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.verticles.config.AuthConfig;
import com.zerolaghub.verticles.config.MailConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.runtime.Platform;
import com.zerolaghub.verticles.testing.TestNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real node with the accounts capability on a fresh TestPostgres database and TestRedis,
 * bcrypt cost 4, a GreenMail SMTP server, a movable clock, and X-Forwarded-For trusted so each
 * test client can come from an address of its own (rate-limit counters stay apart).
 */
final class AccountsNode implements AutoCloseable {
  static final String PUBLIC_URL = "https://portal.test";

  final Platform platform;
  final TestPostgres.Database db;
  final GreenMail mail;
  final TestClock clock;
  final AccountsCapability accounts;

  private AccountsNode(Platform platform, TestPostgres.Database db, GreenMail mail, TestClock clock, AccountsCapability accounts) {
    this.platform = platform;
    this.db = db;
    this.mail = mail;
    this.clock = clock;
    this.accounts = accounts;
  }

  static AccountsNode start() throws Exception {
    return start(AuthConfig.builder().bcryptCost(4).loginPerIp(1000).loginPerEmail(1000).registerPerIp(1000).resetPerIp(1000)
        .resetPerEmail(1000).build());
  }

  static AccountsNode start(AuthConfig auth) throws Exception {
    GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    TestPostgres.Database db = TestPostgres.freshDatabase();
    PlatformConfig base = TestNode.config(db, db.port());
    int smtpPort = mail.getSmtp().getPort();
    PlatformConfig config = base.with(c -> c
        .http(h -> h.publicUrl(PUBLIC_URL).trustForwardedFor(true))
        .auth(auth)
        .mail(m -> m.host("127.0.0.1").port(smtpPort).tls(MailConfig.TLS_NONE).from("ZeroLagHub <no-reply@zerolaghub.test>")));
    TestClock clock = new TestClock();
    SessionAuthentication authentication = new SessionAuthentication();
    ProjectionsCapability projections = new ProjectionsCapability(authentication);
    AccountsCapability accounts = new AccountsCapability(authentication, projections, clock);
    try {
      Platform platform = Platform.builder(config)
          .capabilities(List.of(projections.setup(), accounts, projections.launch()))
          .start()
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      return new AccountsNode(platform, db, mail, clock, accounts);
    } catch (Exception e) {
      mail.stop();
      throw e;
    }
  }

  /** A client from an address of its own. */
  Browser browser() {
    return new Browser(platform.httpPort());
  }

  /** Rows of a query, columns joined by '|'. */
  List<String> rows(String sql) {
    try (Connection c = db.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) row.append(i > 1 ? "|" : "").append(rs.getString(i));
        rows.add(row.toString());
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static void eventually(Duration within, String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not within " + within + ": " + what);
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      platform.stop().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } finally {
      mail.stop();
    }
  }
}
