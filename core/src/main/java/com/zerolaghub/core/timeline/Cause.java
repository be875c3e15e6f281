package com.zerolaghub.core.timeline;

/**
 * Who or what caused an event. {@code kind}: customer, admin, billing, stripe, controller, node or
 * system; {@code adminId} only for an administrator. {@code text} is for operators ("admin 7f3…"),
 * {@code customerText} for the customer, who never sees an administrator's id.
 */
public record Cause(String kind, String adminId, String text, String customerText) {
  static Cause of(String kind) {
    return new Cause(kind, null, kind, kind);
  }

  static Cause admin(String id) {
    return new Cause("admin", id, id == null ? "an administrator" : "admin " + id, "an administrator");
  }
}
