package com.zerolaghub.core.support;

/** Escapes text for HTML element content and attribute values. */
public final class Html {
  private Html() {}

  public static String escape(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&': b.append("&amp;"); break;
        case '<': b.append("&lt;"); break;
        case '>': b.append("&gt;"); break;
        case '"': b.append("&quot;"); break;
        case '\'': b.append("&#39;"); break;
        default: b.append(c);
      }
    }
    return b.toString();
  }
}
