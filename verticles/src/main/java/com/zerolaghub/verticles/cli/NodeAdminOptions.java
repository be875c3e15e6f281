package com.zerolaghub.verticles.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a node's admin API is and the operator token to use: {@code --url} and
 * {@code --token-file}, or {@code ZLH_ADMIN_URL} and {@code ZLH_ADMIN_TOKEN}. The token never
 * comes from the command line, where {@code ps} would show it.
 */
final class NodeAdminOptions {
  static final String TOKEN_ENV = "ZLH_ADMIN_TOKEN";

  @Option(names = "--url", paramLabel = "URL", scope = picocli.CommandLine.ScopeType.INHERIT,
      defaultValue = "${env:ZLH_ADMIN_URL:-http://127.0.0.1:8080}",
      description = "Base URL of a node (default: $ZLH_ADMIN_URL, else ${DEFAULT-VALUE}).")
  URI url;

  @Option(names = "--token-file", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "File holding the operator token (default: $" + TOKEN_ENV + ").")
  Path tokenFile;

  HttpNodeAdmin admin() throws IOException {
    String token = tokenFile != null ? Files.readString(tokenFile, StandardCharsets.UTF_8).strip() : System.getenv(TOKEN_ENV);
    return new HttpNodeAdmin(url, token);
  }
}
