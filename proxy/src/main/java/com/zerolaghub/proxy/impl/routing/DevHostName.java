package com.zerolaghub.proxy.impl.routing;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The dev host naming scheme {@code dev-<vmid>.<devDomain>}: parses a request's host (port
 * already removed) into a vmid and builds host names from one.
 */
public final class DevHostName {
  private static final String PREFIX = "dev-";
  private static final int MAX_VMID_DIGITS = 9;

  private final String suffix;

  public DevHostName(String devDomain) {
    Objects.requireNonNull(devDomain, "devDomain");
    String domain = devDomain.toLowerCase(Locale.ROOT);
    if (domain.startsWith(".")) {
      domain = domain.substring(1);
    }
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    if (domain.isEmpty()) {
      throw new IllegalArgumentException("devDomain is empty");
    }
    this.suffix = "." + domain;
  }

  /** The vmid of {@code dev-<vmid>.<devDomain>}; empty for any other host. */
  public OptionalInt vmidOf(String host) {
    if (host == null) {
      return OptionalInt.empty();
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1); // the root label is the same host
    }
    if (!name.startsWith(PREFIX) || !name.endsWith(suffix)) {
      return OptionalInt.empty();
    }
    String digits = name.substring(PREFIX.length(), name.length() - suffix.length());
    if (digits.isEmpty() || digits.length() > MAX_VMID_DIGITS || digits.charAt(0) == '0') {
      return OptionalInt.empty();
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return OptionalInt.empty();
      }
    }
    return OptionalInt.of(Integer.parseInt(digits));
  }

  public String hostFor(int vmid) {
    return PREFIX + vmid + suffix;
  }
}
