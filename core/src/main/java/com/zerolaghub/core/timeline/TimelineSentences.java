package com.zerolaghub.core.timeline;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The timeline's words: an event type, its payload and its metadata become a sentence ("host
 * stopped by billing: suspended", "SRV record republished by repair") and a cause (customer,
 * admin, billing, stripe, controller, node). Pure: the same event always reads the same.
 * Evidence, plans and claims are for operators only; a customer reads outcomes.
 */
public final class TimelineSentences {
  private TimelineSentences() {}

  public static Sentence describe(TimelineEvent e) {
    Cause cause = cause(e.actor(), e.ownerId());
    String t = e.type();
    switch (t) {
      // ---- servers ----
      case "server.requested": {
        Object spec = e.payload().get("spec");
        String name = spec instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : "?";
        String kind = spec instanceof Map<?, ?> m && m.containsKey("runtime") ? "dev" : "game";
        return both(kind + " server \"" + name + "\" requested", cause);
      }
      case "server.provisioning-step-started":
        return operatorOnly("provisioning step " + e.text("step") + " started", cause);
      case "server.provisioning-step-completed":
        return both("provisioning step " + e.text("step") + " done", cause);
      case "server.provisioning-step-verified":
        return operatorOnly("provisioning step " + e.text("step") + " checked: "
            + ("true".equals(e.text("happened")) ? "it happened" : "it never happened") + detail(e.text("detail")), cause);
      case "server.provisioning-failed":
        return new Sentence("provisioning failed at " + e.text("step") + detail(e.text("reason")),
            "provisioning failed at " + e.text("step"), cause);
      case "server.ready":
        return both("server ready", cause);
      case "server.host-action-requested": {
        String action = e.text("action");
        String c = e.causationId();
        if (c != null && c.startsWith("billing:")) return both("host " + past(action) + " by billing: " + c.substring(8), cause);
        if (c != null && c.startsWith("admin:")) {
          return new Sentence("host " + action + " requested by hand: " + c.substring(6).strip(), "host " + action + " requested", cause);
        }
        return both("host " + action + " requested", cause);
      }
      case "server.host-action-step-completed":
        return operatorOnly("host now " + lower(e.text("hostState")), cause);
      case "server.host-action-completed":
        return both("host " + past(e.text("action")), cause);
      case "server.host-action-failed":
        return new Sentence("host " + e.text("action") + " failed" + detail(e.text("reason")), "host " + e.text("action") + " failed",
            cause);
      case "server.reprovision-requested":
        return new Sentence("container set up again by repair" + detail(e.text("reason")), "container set up again by repair", cause);
      case "server.deletion-requested":
        return both("deletion requested", cause);
      case "server.teardown-step-started":
        return operatorOnly("teardown step " + e.text("step") + " started", cause);
      case "server.teardown-step-completed":
        return both("teardown step " + e.text("step") + " done", cause);
      case "server.teardown-failed":
        return new Sentence("deletion failed at " + e.text("step") + detail(e.text("reason")), "deletion failed at " + e.text("step"),
            cause);
      case "server.deleted":
        return both("server deleted", cause);
      case "server.operation-marked-stale":
        return new Sentence("operation " + e.text("operationId") + " ended as stale by repair " + e.text("repairId"),
            "a stuck operation was ended", cause);
      case "server.agent-action-requested": {
        String asked = e.text("action") + " requested" + paren(e.text("detail"));
        String c = e.causationId();
        if (c != null && c.startsWith("admin:")) return new Sentence(asked + " by hand: " + c.substring(6).strip(), asked, cause);
        return both(asked, cause);
      }
      case "server.ide-opened-by-admin":
        // the customer learns that an administrator entered their IDE; the reason is an operator's note
        return new Sentence("IDE opened by an administrator: " + e.text("reason"), "IDE opened by an administrator", cause);
      case "server.velocity-resync-requested":
        return operatorOnly("registered with Velocity again by hand: " + e.text("reason"), cause);
      case "server.agent-action-finished":
        return "true".equals(e.text("succeeded"))
            ? both(e.text("action") + " succeeded", cause)
            : new Sentence(e.text("action") + " failed" + detail(e.text("detail")), e.text("action") + " failed", cause);
      case "server.slot-taken":
        return operatorOnly("quota slot taken", cause);
      case "server.slot-released":
        return operatorOnly("quota slot released", cause);
      case "server.vmid-claimed":
        return operatorOnly("vmid " + e.text("vmid") + " claimed", cause);
      case "server.vmid-released":
        return operatorOnly("vmid " + e.text("vmid") + " released", cause);
      // ---- controller ----
      case "drift.found":
        return operatorOnly("drift found: " + e.text("kind") + evidence(e.payload().get("evidence")), cause);
      case "drift.cleared":
        return operatorOnly("drift cleared: " + e.text("kind"), cause);
      case "repair.planned":
        return operatorOnly("repair " + e.text("action") + " planned (level " + e.text("level") + ", " + e.text("posture") + ")",
            cause);
      case "repair.run-requested":
        return operatorOnly("repair " + e.text("action") + " (level " + e.text("level") + ") run by hand" + detail(e.text("reason")),
            cause);
      case "repair.started":
        return operatorOnly("repair " + e.text("action") + " started", cause);
      case "repair.succeeded": {
        String done = repaired(e.text("action"));
        return new Sentence(done + detail(e.text("detail")), done, cause);
      }
      case "repair.failed":
        return operatorOnly("repair " + e.text("action") + " failed" + detail(e.text("reason")), cause);
      case "repair.withdrawn":
        return operatorOnly("repair " + e.text("action") + " withdrawn" + detail(e.text("reason")), cause);
      // ---- accounts ----
      case "account.registered":
        return both("account registered as " + e.text("username"), cause);
      case "account.session-started":
        return both("session started" + paren(e.text("client")), cause);
      case "account.session-revoked": {
        String reason = e.text("reason");
        if (reason != null && reason.startsWith("admin:")) {
          return new Sentence("session ended by an administrator: " + reason.substring(6).strip(),
              "session ended by an administrator", cause);
        }
        return both("session ended" + detail(reason), cause);
      }
      case "account.password-changed":
        return both("password changed", cause);
      case "account.password-reset-requested":
        return both("password reset requested", cause);
      case "account.password-reset-used":
        return both("password reset link used", cause);
      case "account.role-granted": {
        String by = e.text("grantedBy");
        String role = "admin".equals(lower(e.text("role"))) ? "made an administrator" : "administrator role taken away";
        if (by != null && by.startsWith("admin:")) return operatorOnly(role + " by hand: " + by.substring(6).strip(), cause);
        return operatorOnly(role + " (granted by " + by + ")", cause);
      }
      // ---- billing ----
      case "billing.checkout-started":
        return both("checkout started for plan " + e.text("plan"), cause);
      case "billing.customer-linked":
        return new Sentence("Stripe customer " + e.text("customerId") + " linked, plan " + e.text("plan"),
            "subscription to plan " + e.text("plan") + " set up", cause);
      case "billing.invoice-paid":
        return both("invoice " + e.text("invoiceId") + " paid", cause);
      case "billing.invoice-payment-failed":
        return both("invoice " + e.text("invoiceId") + " payment failed", cause);
      case "billing.subscription-changed":
        return both("subscription " + e.text("status"), cause);
      case "billing.enforcement-changed": {
        String change = "billing standing " + e.text("from") + " → " + e.text("to");
        String c = e.text("cause");
        if (c != null && c.startsWith("by hand:")) return new Sentence(change + " by hand: " + c.substring(8).strip(), change, cause);
        return both(change, cause);
      }
      case "billing.hosts-shut-down": {
        Object ids = e.payload().get("serverIds");
        int n = ids instanceof List<?> l ? l.size() : 0;
        return both(n + " host" + (n == 1 ? "" : "s") + " shut down by billing" + detail(cause(e)), cause);
      }
      case "billing.destructive-action-refused":
        return both(e.text("action") + " refused by billing" + detail(cause(e)), cause);
      // ---- support ----
      case "support.ticket-opened":
        return both("ticket " + e.text("ticketNumber") + " opened: " + e.text("subject"), cause);
      case "support.ticket-replied":
        return new Sentence("reply by " + e.text("repliedBy"), "reply" + (cause.kind().equals("customer") ? "" : " from support"),
            cause);
      case "support.ticket-closed":
        // the administrator's reason is for operators; the customer reads that it closed
        return new Sentence("ticket closed" + detail(e.text("reason")), "ticket closed", cause);
      case "projection.rebuild-requested":
        return operatorOnly("projection " + e.text("name") + " rebuild requested" + detail(e.text("reason")), cause);
      case "audit.exported":
        return operatorOnly("audit export of account " + e.text("accountId") + " from " + e.text("from") + " to " + e.text("to")
            + detail(e.text("reason")), cause);
      case "announcement.published":
        return operatorOnly(e.text("severity") + " announcement published: " + e.text("message"), cause);
      case "announcement.expired":
        return operatorOnly("announcement expired" + detail(e.text("reason")), cause);
      default:
        return operatorOnly(t, cause);
    }
  }

  /** Who caused an event, from its metadata's actor; {@code user:<owner>} is the customer, any other user an administrator. */
  public static Cause cause(String actor, String ownerId) {
    if (actor == null || actor.isBlank()) return Cause.of("system");
    if (actor.startsWith("user:")) {
      String id = actor.substring(5);
      return id.equals(ownerId) ? Cause.of("customer") : Cause.admin(id);
    }
    if (actor.startsWith("operator")) return Cause.admin(actor.contains(":") ? actor.substring(actor.indexOf(':') + 1) : null);
    if (actor.startsWith("stripe")) return Cause.of("stripe");
    if (actor.contains("billing")) return Cause.of("billing");
    if (actor.contains("controller") || actor.contains("repair")) return Cause.of("controller");
    if (actor.startsWith("system:")) return Cause.of("node");
    return Cause.of("system");
  }

  private static String cause(TimelineEvent e) {
    String c = e.text("cause");
    return c != null && c.startsWith("billing:") ? c.substring(8) : c;
  }

  private static String repaired(String action) {
    if (action == null) return "repaired";
    switch (action) {
      case "edge_republish": return "SRV record republished by repair";
      case "clear_stale_operation_lock": return "stale operation lock cleared by repair";
      case "start_host": return "host started by repair";
      case "restart_host": return "host restarted by repair";
      case "stop_suspended_host": return "host stopped by repair";
      case "reprovision": return "container reprovisioned by repair";
      default: return action + " done by repair";
    }
  }

  private static String past(String action) {
    if (action == null) return "changed";
    switch (action) {
      case "stop": return "stopped";
      case "start": return "started";
      case "restart": return "restarted";
      default: return action + " done";
    }
  }

  private static String evidence(Object evidence) {
    if (!(evidence instanceof Map<?, ?> m) || m.isEmpty()) return "";
    return " (" + m.entrySet().stream().map(x -> x.getKey() + ": " + x.getValue()).collect(Collectors.joining(", ")) + ")";
  }

  private static String detail(String s) {
    return s == null || s.isBlank() ? "" : ": " + s;
  }

  private static String paren(String s) {
    return s == null || s.isBlank() ? "" : " (" + s + ")";
  }

  private static String lower(String s) {
    return s == null ? "?" : s.toLowerCase(Locale.ROOT);
  }

  private static Sentence both(String text, Cause cause) {
    return new Sentence(text, text, cause);
  }

  private static Sentence operatorOnly(String text, Cause cause) {
    return new Sentence(text, null, cause);
  }
}
