package com.zerolaghub.core.support;

import java.time.Instant;
import java.util.Locale;

/**
 * Every customer and operator message, in plain text and HTML. Every value that came from a
 * user (subjects, messages, names) goes through {@link Html#escape} in the HTML part; Discord
 * alerts neutralise mentions so a ticket cannot ping the channel.
 */
public final class NotificationTemplates {
  private final String portalUrl;

  public NotificationTemplates(String portalUrl) {
    this.portalUrl = portalUrl == null ? "" : portalUrl;
  }

  public Notification ticketAcknowledgement(String email, String number, String subject, String message) {
    String text = "We received your support request " + number + ".\n\nSubject: " + subject + "\n\n" + message
        + "\n\nWe will answer by email. You can follow your tickets at " + portalUrl + "/support\n";
    String html = "<p>We received your support request <strong>" + Html.escape(number) + "</strong>.</p>"
        + "<p><strong>Subject:</strong> " + Html.escape(subject) + "</p>"
        + "<pre style=\"white-space:pre-wrap\">" + Html.escape(message) + "</pre>"
        + "<p>We will answer by email. You can follow your tickets at <a href=\"" + Html.escape(portalUrl + "/support") + "\">"
        + Html.escape(portalUrl + "/support") + "</a>.</p>";
    return new Notification(Notification.EMAIL, "ticket-opened", email, "[" + number + "] " + oneLine(subject), text, html);
  }

  public Notification ticketAlert(String number, String category, String accountId, String subject, String message) {
    String content = "New ticket " + number + " (" + category + ") from account " + accountId + ": " + oneLine(subject);
    String excerpt = message.length() > 1000 ? message.substring(0, 1000) + "…" : message;
    return new Notification(Notification.DISCORD, "ticket-opened", null, unping(oneLine(subject)), unping(content), unping(excerpt));
  }

  public Notification ticketReply(String email, String number, String reply) {
    String text = "There is a reply to your support request " + number + ":\n\n" + reply + "\n";
    String html = "<p>There is a reply to your support request <strong>" + Html.escape(number) + "</strong>:</p>"
        + "<pre style=\"white-space:pre-wrap\">" + Html.escape(reply) + "</pre>";
    return new Notification(Notification.EMAIL, "ticket-replied", email, "Re: [" + number + "]", text, html);
  }

  /** The server is ready, by name, with how to connect: the address players type, or where its IDE opens. */
  public Notification serverReady(String email, ServerMention server) {
    String panel = portalUrl + "/servers/" + server.serverId();
    String connect = server.connectAddress() != null
        ? "Players connect to " + server.connectAddress() + " (Multiplayer > Add Server in Minecraft)."
        : server.dev() ? "Open its IDE from the panel: " + panel + " (Open IDE)." : "";
    String text = server.sentenceLabel() + " is ready.\n\n" + (connect.isEmpty() ? "" : connect + "\n\n")
        + "Manage it at " + panel + "\n";
    String html = "<p>" + Html.escape(server.sentenceLabel()) + " is ready.</p>"
        + (server.connectAddress() != null ? "<p>Players connect to <strong>" + Html.escape(server.connectAddress())
            + "</strong> (Multiplayer &gt; Add Server in Minecraft).</p>"
            : server.dev() ? "<p>Open its IDE from the panel (Open IDE).</p>" : "")
        + "<p><a href=\"" + Html.escape(panel) + "\">Manage it</a></p>";
    return new Notification(Notification.EMAIL, "server-ready", email, oneLine(server.sentenceLabel()) + " is ready", text, html);
  }

  public Notification serverFailed(String email, ServerMention server) {
    String text = "We could not set up " + server.label() + ". Our team has been told; nothing was charged for it.\n";
    String html = "<p>We could not set up " + Html.escape(server.label())
        + ". Our team has been told; nothing was charged for it.</p>";
    return new Notification(Notification.EMAIL, "server-failed", email, oneLine(server.sentenceLabel()) + " could not be set up",
        text, html);
  }

  public Notification billingWarning(String email, String level) {
    boolean last = "final_warning".equals(level);
    String line = last
        ? "Your last payment failed again. Your servers will be suspended unless the payment goes through."
        : "Your last payment failed. Please update your payment method.";
    String text = line + "\n\nBilling: " + portalUrl + "/billing\n";
    String html = "<p>" + Html.escape(line) + "</p><p><a href=\"" + Html.escape(portalUrl + "/billing") + "\">Billing</a></p>";
    return new Notification(Notification.EMAIL, "billing-" + level, email, last ? "Final payment warning" : "Payment failed",
        text, html);
  }

  public Notification serverCrashed(String email, ServerMention server, String crash) {
    String what = crash == null || crash.isBlank() ? "" : " (" + crash + ")";
    String panel = portalUrl + "/servers/" + server.serverId();
    String text = "The game on " + server.label() + " crashed" + what + ".\n\nIts console and the crash details are at "
        + panel + "\n";
    String html = "<p>The game on " + Html.escape(server.label()) + " crashed" + Html.escape(what)
        + ".</p><p><a href=\"" + Html.escape(panel) + "\">Console and crash details</a></p>";
    return new Notification(Notification.EMAIL, "server-crashed", email, oneLine(server.sentenceLabel()) + " crashed", text, html);
  }

  /** The account is suspended for an unpaid invoice: what stopped, that nothing is deleted, how to lift it. */
  public Notification billingSuspended(String email, Instant at) {
    String when = at == null ? "" : " on " + HumanTime.format(at);
    String line = "Your account was suspended" + when + " for an unpaid invoice: your game servers are stopped and cannot be"
        + " started or created until the payment goes through.";
    String kept = "Nothing is deleted: your servers, files and backups are kept.";
    String text = line + "\n\n" + kept + "\n\nSettle the payment to lift the suspension: " + portalUrl + "/billing\n";
    String html = "<p>" + Html.escape(line) + "</p><p>" + Html.escape(kept) + "</p><p><a href=\"" + Html.escape(portalUrl + "/billing")
        + "\">Settle the payment</a> to lift the suspension.</p>";
    return new Notification(Notification.EMAIL, "billing-suspended", email, "Your account is suspended", text, html);
  }

  /** {@code amount} in the currency's smallest unit; both may be null (invoices recorded before receipts). */
  public Notification receipt(String email, String invoiceId, Long amount, String currency, String paidAtIso) {
    String paidAt = HumanTime.format(paidAtIso);
    String money = amount == null ? "" : " of " + money(amount, currency);
    String text = "Thank you: we received your payment" + money + " for invoice " + invoiceId
        + (paidAt == null ? "" : " on " + paidAt) + ".\n\nInvoices and receipts: " + portalUrl + "/billing\n";
    String html = "<p>Thank you: we received your payment" + Html.escape(money) + " for invoice <strong>"
        + Html.escape(invoiceId) + "</strong>" + (paidAt == null ? "" : " on " + Html.escape(paidAt)) + ".</p><p><a href=\""
        + Html.escape(portalUrl + "/billing") + "\">Invoices and receipts</a></p>";
    return new Notification(Notification.EMAIL, "billing-receipt", email, "Payment received for " + oneLine(invoiceId), text, html);
  }

  /** For the operators' channel: a repair planned, started or ended. */
  public Notification repairAlert(String status, String action, Integer level, String posture, String serverId, String detail) {
    String how = level == null ? "" : " (level " + level + (posture == null ? "" : ", " + posture) + ")";
    String content = "Repair " + action + how + " of server " + serverId + ": " + status
        + (detail == null || detail.isBlank() ? "" : " — " + oneLine(detail));
    return new Notification(Notification.DISCORD, "repair-" + status, null, unping(action + " " + status), unping(content), "");
  }

  static String money(long amount, String currency) {
    String code = currency == null ? "" : currency.toUpperCase(Locale.ROOT);
    return String.format(Locale.ROOT, "%d.%02d %s", amount / 100, Math.abs(amount % 100), code).trim();
  }

  private static String oneLine(String s) {
    return s.replace('\r', ' ').replace('\n', ' ');
  }

  /** A zero-width space after '@' keeps {@code @everyone} and {@code <@id>} from pinging. */
  static String unping(String s) {
    return s.replace("@", "@\u200b");
  }
}
