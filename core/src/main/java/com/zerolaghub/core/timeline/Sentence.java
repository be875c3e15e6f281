package com.zerolaghub.core.timeline;

/**
 * An event said in words. {@code text} is the operator's sentence; {@code customerText} the one a
 * customer may read, or null when the event is internal (evidence, plans, claims) and hidden from them.
 */
public record Sentence(String text, String customerText, Cause cause) {
  public boolean customerVisible() {
    return customerText != null;
  }
}
