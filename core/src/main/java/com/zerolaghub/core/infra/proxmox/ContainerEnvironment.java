package com.zerolaghub.core.infra.proxmox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runtime environment of a container (Proxmox VE 9 {@code env} config option, a NUL-separated
 * {@code KEY=value} list). Values may be secrets: {@link #toString()} shows names only.
 */
public record ContainerEnvironment(Map<String, String> variables) {

  /** Variable carrying the agent's bootstrap token into the container. */
  public static final String AGENT_TOKEN_VARIABLE = "ZLH_AGENT_TOKEN";

  private static final Pattern NAME = Pattern.compile("\\w+");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0a-\\x1f\\x7f]");

  public ContainerEnvironment {
    variables = Map.copyOf(new LinkedHashMap<>(variables));
    variables.forEach(
        (name, value) -> {
          if (!NAME.matcher(name).matches() || CONTROL.matcher(value).find()) {
            throw new IllegalArgumentException("invalid environment variable " + name);
          }
        });
  }

  /** Just the agent's bootstrap token. */
  public static ContainerEnvironment agentToken(String token) {
    return new ContainerEnvironment(Map.of(AGENT_TOKEN_VARIABLE, token));
  }

  /** The {@code env} config value: {@code KEY=value} pairs separated by NUL, sorted by name. */
  public String toConfigValue() {
    StringBuilder out = new StringBuilder();
    variables.keySet().stream()
        .sorted()
        .forEach(
            name -> {
              if (out.length() > 0) {
                out.append('\0');
              }
              out.append(name).append('=').append(variables.get(name));
            });
    return out.toString();
  }

  /** Parses an {@code env} config value. */
  public static ContainerEnvironment fromConfigValue(String value) {
    Map<String, String> vars = new LinkedHashMap<>();
    if (value != null && !value.isEmpty()) {
      for (String pair : value.split("\0")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          vars.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    return new ContainerEnvironment(vars);
  }

  @Override
  public String toString() {
    return "ContainerEnvironment" + variables.keySet().stream().sorted().toList() + " (values hidden)";
  }
}
