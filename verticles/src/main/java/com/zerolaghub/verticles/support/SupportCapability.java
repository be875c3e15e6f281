package com.zerolaghub.verticles.support;

import com.zerolaghub.core.infra.discord.DiscordWebhookAdapter;
import com.zerolaghub.core.infra.mail.MailOptions;
import com.zerolaghub.core.infra.mail.Mailer;
import com.zerolaghub.core.infra.mail.SmtpMailer;
import com.zerolaghub.core.support.NotificationTemplates;
import com.zerolaghub.events.support.AnnouncementEvent;
import com.zerolaghub.events.support.NotificationEvent;
import com.zerolaghub.events.support.SupportEvent;
import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.ProjectionRuntime;
import com.zerolaghub.projections.support.AnnouncementBoard;
import com.zerolaghub.projections.support.NotificationOutbox;
import com.zerolaghub.projections.support.TicketBook;
import com.zerolaghub.verticles.config.MailConfig;
import com.zerolaghub.verticles.config.SupportConfig;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import com.zerolaghub.verticles.node.ReadModels;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Support: tickets (numbered through the log), server notepads, and the notification outbox
 * that mails customers and alerts operators on Discord. Start it after the projections setup
 * and before their launch.
 */
public final class SupportCapability implements Capability {
  private final Authentication auth;
  private final ReadModels projections;
  private final Clock clock;
  private NotificationSender sender;
  private Mailer mailer;
  private DiscordWebhookAdapter discord;

  private final BillingAnnouncementSource billing;

  public SupportCapability(Authentication auth, ReadModels projections, Clock clock) {
    this(auth, projections, clock, BillingAnnouncementSource.NONE);
  }

  /** @param billing billing's announcements, merged into the customer's list ({@code billingCapability::announcements}) */
  public SupportCapability(Authentication auth, ReadModels projections, Clock clock, BillingAnnouncementSource billing) {
    this.billing = Objects.requireNonNull(billing, "billing");
    this.auth = Objects.requireNonNull(auth, "auth");
    this.projections = Objects.requireNonNull(projections, "projections");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return "support";
  }

  @Override
  public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
    ctx.codec().register(SupportEvent.TYPES);
    ctx.codec().register(NotificationEvent.TYPES);
    ctx.codec().register(AnnouncementEvent.TYPES);
    SupportConfig config = ctx.config().support();
    ProjectionRuntime runtime = projections.runtime();
    MemoryView<TicketBook.Snapshot> tickets = runtime.register(new TicketBook());
    MemoryView<AnnouncementBoard.Snapshot> board = runtime.register(new AnnouncementBoard());
    boolean discordOn = !config.discordWebhookUrl().isEmpty();
    runtime.register(new NotificationOutbox(ctx.codec(), discordOn));
    MailConfig mail = ctx.config().mail();
    mailer = new SmtpMailer(ctx.vertx(),
        new MailOptions(mail.host(), mail.port(), mail.tls(), mail.from(), mail.username(), mail.password(),
          Duration.ofMillis(mail.sendTimeoutMs())));
    discord = discordOn ? new DiscordWebhookAdapter(ctx.vertx(), config.discordWebhookUrl(), 3, Duration.ofMillis(200)) : null;
    sender = new NotificationSender(ctx.vertx(), ctx.pool(), new NotificationActions(ctx.store(), clock),
        new NotificationTemplates(ctx.config().http().publicUrl()),
        new ServerMentions(ctx.pool(), ctx.config().servers().gameDomain()), new EmailChannel(mailer), discord, config, clock,
        ctx.meterRegistry());
    sender.start();
    if (ctx.config().roles().api()) {
      ServerOwners owners = new ServerOwners(ctx.store());
      new TicketEndpoints(ctx.vertx(), new TicketActions(ctx.vertx(), ctx.store(), clock), tickets, owners, ctx.pool()).bind(api, auth);
      new NotesEndpoints(ctx.store(), ctx.codec(), owners, new NoteActions(ctx.store(), clock)).bind(api, auth);
      new AnnouncementEndpoints(new AnnouncementActions(ctx.store(), clock), board, billing, clock).bind(api, auth);
    }
    return Future.succeededFuture();
  }

  /** Stops the sender after its deliveries in flight recorded their outcome; then closes the channels. */
  @Override
  public Future<Void> stop() {
    if (sender == null) return Future.succeededFuture();
    return sender.stop().eventually(() -> {
      if (discord != null) discord.close();
      return mailer.close();
    });
  }
}
