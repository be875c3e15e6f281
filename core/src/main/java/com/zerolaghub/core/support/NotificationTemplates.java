package com.zerolaghub.core.support;

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

  public Notification serverReady(String email, String serverId) {
    String text = "Your server " + serverId + " is ready.\n\nManage it at " + portalUrl + "/servers/" + serverId + "\n";
    String html = "<p>Your server <strong>" + Html.escape(serverId) + "</strong> is ready.</p><p><a href=\""
        + Html.escape(portalUrl + "/servers/" + serverId) + "\">Manage it</a></p>";
    return new Notification(Notification.EMAIL, "server-ready", email, "Your server is ready", text, html);
  }

  public Notification serverFailed(String email, String serverId) {
    String text = "We could not set up your server " + serverId + ". Our team has been told; nothing was charged for it.\n";
    String html = "<p>We could not set up your server <strong>" + Html.escape(serverId)
        + "</strong>. Our team has been told; nothing was charged for it.</p>";
    return new Notification(Notification.EMAIL, "server-failed", email, "Your server could not be set up", text, html);
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

  public Notification serverCrashed(String email, String serverId, String crash) {
    String what = crash == null || crash.isBlank() ? "" : " (" + crash + ")";
    String text = "The game on your server " + serverId + " crashed" + what + ".\n\nIts console and the crash details are at "
        + portalUrl + "/servers/" + serverId + "\n";
    String html = "<p>The game on your server <strong>" + Html.escape(serverId) + "</strong> crashed" + Html.escape(what)
        + ".</p><p><a href=\"" + Html.escape(portalUrl + "/servers/" + serverId) + "\">Console and crash details</a></p>";
    return new Notification(Notification.EMAIL, "server-crashed", email, "Your server crashed", text, html);
  }

  /** {@code amount} in the currency's smallest unit; both may be null (invoices recorded before receipts). */
  public Notification receipt(String email, String invoiceId, Long amount, String currency, String paidAt) {
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
    String code = currency == null ? "" : currency.toUpperCase(java.util.Locale.ROOT);
    return String.format(java.util.Locale.ROOT, "%d.%02d %s", amount / 100, Math.abs(amount % 100), code).trim();
  }

  private static String oneLine(String s) {
    return s.replace('\r', ' ').replace('\n', ' ');
  }

  /** A zero-width space after '@' keeps {@code @everyone} and {@code <@id>} from pinging. */
  static String unping(String s) {
    return s.replace("@", "@\u200b");
  }
}
