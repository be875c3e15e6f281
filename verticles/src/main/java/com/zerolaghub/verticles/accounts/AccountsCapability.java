package com.zerolaghub.verticles.accounts;

import com.zerolaghub.core.accounts.PasswordHasher;
import com.zerolaghub.core.infra.mail.MailOptions;
import com.zerolaghub.core.infra.mail.Mailer;
import com.zerolaghub.core.infra.mail.SmtpMailer;
import com.zerolaghub.events.accounts.AccountEvent;
import com.zerolaghub.projections.ProjectionRuntime;
import com.zerolaghub.projections.accounts.AccountsTable;
import com.zerolaghub.projections.accounts.SessionDirectory;
import com.zerolaghub.verticles.config.AuthConfig;
import com.zerolaghub.verticles.config.MailConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import com.zerolaghub.verticles.node.ReadModels;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Accounts, sessions and the API contract's accounts operations. Registers the account events,
 * the in-memory {@link SessionDirectory} (every node: it answers every authenticated request)
 * and the {@code accounts} table read model, and connects the {@link SessionAuthentication}
 * other capabilities hold. Start it after the projections setup and before their launch:
 *
 * <pre>{@code
 * var auth = new SessionAuthentication();
 * var projections = new ProjectionsCapability(auth);
 * capabilities.addAll(List.of(projections.setup(), new AccountsCapability(auth, projections, Clock.systemUTC()), projections.launch()));
 * }</pre>
 */
public final class AccountsCapability implements Capability {
  private final SessionAuthentication auth;
  private final ReadModels projections;
  private final Clock clock;
  private final SessionDirectory directory = new SessionDirectory();
  private Mailer mailer;

  /** @param clock the time of sessions and reset links (tests move it forward) */
  public AccountsCapability(SessionAuthentication auth, ReadModels projections, Clock clock) {
    this.auth = Objects.requireNonNull(auth, "auth");
    this.projections = Objects.requireNonNull(projections, "projections");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return "accounts";
  }

  /** Who holds which session, for other capabilities (the proxy) that authenticate by themselves. */
  public SessionDirectory sessions() {
    return directory;
  }

  @Override
  public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
    ctx.codec().register(AccountEvent.TYPES);
    ProjectionRuntime runtime = projections.runtime();
    directory.attach(runtime.register(directory));
    // every node follows the log: a session ended anywhere closes its sockets here too
    directory.onSessionsEnded(ctx.sessionSockets()::end);
    runtime.register(new AccountsTable());
    auth.connect(directory, directory::caughtUp, clock);
    auth.catchUpWith(new SessionCatchUp(ctx.vertx(), ctx.pool(), directory)::toHead);
    auth.readSessionFrom(ctx.config().http().sessionCookie());

    PlatformConfig config = ctx.config();
    AuthConfig authConfig = config.auth();
    if (!config.roles().api()) return Future.succeededFuture();
    return ctx.vertx().executeBlocking(() -> new PasswordHasher(authConfig.bcryptCost())).map(hasher -> {
      AccountActions actions = new AccountActions(ctx.vertx(), ctx.store(), ctx.codec(), hasher, directory, clock,
          Duration.ofHours(authConfig.sessionTtlHours()), Duration.ofMinutes(authConfig.resetTtlMinutes()));
      RateLimits limits = new RateLimits(new RedisRateLimiter(ctx.redis()), authConfig);
      SessionCookies cookies = new SessionCookies(authConfig.cookieSecure() || config.http().publicTls(),
          config.http().sessionCookie());
      MailConfig mail = config.mail();
      mailer = new SmtpMailer(ctx.vertx(),
          new MailOptions(mail.host(), mail.port(), mail.tls(), mail.from(), mail.username(), mail.password(),
          Duration.ofMillis(mail.sendTimeoutMs())));
      AuthEndpoints endpoints = new AuthEndpoints(actions, limits, new ClientAddress(config.http().trustForwardedFor()), cookies);
      endpoints.bind(api, auth);
      new MeEndpoints(actions, directory, limits, endpoints).bind(api, auth);
      new PasswordResetEndpoints(actions, new ResetLinkMailer(mailer, config.http().publicUrl()), limits, cookies, endpoints).bind(api);
      new AdminAccountsEndpoints(ctx.pool(), actions, endpoints).bind(api, auth);
      return null;
    });
  }

  @Override
  public Future<Void> stop() {
    return mailer == null ? Future.succeededFuture() : mailer.close();
  }
}
