package com.zerolaghub.verticles.cli;

import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.config.ProxyConfig;
import java.nio.file.Path;

/**
 * What {@code zlh run} tells the person who started it once the node is ready: where the portal
 * is, where hosted IDEs appear, where the data lives, how to make an administrator, how to stop.
 */
final class RunBanner {
  private RunBanner() {}

  /**
   * @param httpPort    the port the API listens on (the configured one may be 0)
   * @param devHostPort the dev-host proxy's port, or -1 when this node runs no proxy
   */
  static String text(PlatformConfig config, int httpPort, int devHostPort) {
    String portal = config.http().publicUrl();
    String listening = "http://" + shown(config.http().host()) + ":" + httpPort;
    Path data = config.data().path().toAbsolutePath().normalize();
    boolean embedded = config.db().embedded();
    StringBuilder b = new StringBuilder();
    b.append("ZeroLagHub is ready.\n");
    b.append(line("Portal and API", portal + (portal.endsWith(":" + httpPort) ? "" : "   (this node: " + listening + ")")));
    if (devHostPort > 0) b.append(line("Hosted IDEs", ideHost(config.proxy(), devHostPort)));
    b.append(line("Data directory", data + (embedded ? "   (embedded PostgreSQL and Redis)" : "")));
    b.append(line("Administrator", "java -jar zlh-platform.jar admin create --email you@example.com"
        + (embedded ? " --data-dir " + data : " --config <this node's configuration>")));
    b.append(line("Stop", "Ctrl-C or SIGTERM: requests in flight finish, then it exits"));
    return b.toString();
  }

  /** The address IDE links name: {@code http://dev-<vmid>.localhost:8081}. */
  private static String ideHost(ProxyConfig proxy, int devHostPort) {
    int port = proxy.publicPort() == 0 ? devHostPort : proxy.publicPort();
    boolean defaultPort = port < 0 || ("https".equals(proxy.publicScheme()) && port == 443)
        || ("http".equals(proxy.publicScheme()) && port == 80);
    return proxy.publicScheme() + "://dev-<vmid>." + proxy.devDomain() + (defaultPort ? "" : ":" + port)
        + "   (proxy.devDomain)";
  }

  private static String shown(String host) {
    return host == null || host.isBlank() || "0.0.0.0".equals(host) ? "localhost" : host;
  }

  private static String line(String label, String value) {
    return String.format("  %-15s %s%n", label, value);
  }
}
