package com.zerolaghub.core.support;

/**
 * A server as a customer message names it: by its name, with how to reach it. The name is
 * unknown when the server's row is gone (or not yet there); the message then says "your server".
 *
 * @param serverId       for the panel link only
 * @param name           the name the customer gave it, or null
 * @param connectAddress what players type (game servers), or null
 * @param dev            a dev server: its IDE opens from the panel
 */
public record ServerMention(String serverId, String name, String connectAddress, boolean dev) {
  /** {@code your server “survival”}, or {@code your server} when the name is unknown. */
  public String label() {
    return name == null || name.isBlank() ? "your server" : "your server \u201c" + name + "\u201d";
  }

  /** {@link #label()} starting a sentence. */
  public String sentenceLabel() {
    return "Y" + label().substring(1);
  }
}
