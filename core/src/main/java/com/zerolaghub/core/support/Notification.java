package com.zerolaghub.core.support;

/**
 * A message ready to deliver. For {@code email}: {@code recipient} is the address and subject,
 * text and html the mail; for {@code discord}: {@code text} is the alert content and
 * {@code subject} the embed title.
 */
public record Notification(String channel, String kind, String recipient, String subject, String text, String html) {
  public static final String EMAIL = "email";
  public static final String DISCORD = "discord";
}
