package com.zerolaghub.core.controller;

import java.util.Locale;

/** Where game servers' SRV records must point, and how they are named. */
public record EdgeExpectation(String gameDomain, String edgeHost, int edgePort) {
  public String srvName(String slug) {
    return ("_minecraft._tcp." + slug + "." + gameDomain).toLowerCase(Locale.ROOT);
  }

  public String srvTarget() {
    return edgeHost.toLowerCase(Locale.ROOT) + ":" + edgePort;
  }
}
