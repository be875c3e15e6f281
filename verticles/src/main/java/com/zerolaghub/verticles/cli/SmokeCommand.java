package com.zerolaghub.verticles.cli;

import com.zerolaghub.verticles.smoke.Smoke;
import com.zerolaghub.verticles.smoke.SmokeOptions;
import com.zerolaghub.verticles.smoke.SmokeResult;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "smoke", mixinStandardHelpOptions = true,
    description = {
        "Runs the integrated smoke test against a deployment over its public API: game lifecycle (create, ready,",
        "console, files, backup, restore, delete, cleanup), dev lifecycle (hosted IDE, restart, stop, delete, cleanup)",
        "and security (non-owner 404, agent closed, no internal token in answers). One line per step with its time;",
        "deletes what it created even after a failure; exit 1 naming the first failed step."})
final class SmokeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--url", paramLabel = "URL", required = true, description = "Base URL of the node's public API.")
  URI url;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "File holding a bearer session of the dedicated smoke account (default: register a fresh account).")
  Path tokenFile;

  @Option(names = "--other-token-file", paramLabel = "FILE",
      description = "File holding a second customer's session, for the non-owner checks (default: register one).")
  Path otherTokenFile;

  @Option(names = "--admin-token-file", paramLabel = "FILE",
      description = "File holding an administrator's session: cleanup is then also checked in the audit log and drift findings.")
  Path adminTokenFile;

  @Option(names = "--agent-url", paramLabel = "TEMPLATE",
      description = "An agent's base URL, with {vmid}, {vmid/256}, {vmid%256}, to check it refuses direct calls (default: skipped).")
  String agentUrl;

  @Option(names = "--dev-host-address", paramLabel = "HOST",
      description = "Where to connect for dev-<vmid> IDE links that do not resolve here (default: the --url host).")
  String devHostAddress;

  @Option(names = "--step-timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "How long one step may wait for the platform (default: ${DEFAULT-VALUE}).")
  int stepTimeoutSeconds;

  @Option(names = "--keep", description = "Leave the servers a failed run created, for a look (the lifecycles delete their own as they pass).")
  boolean keep;

  @Override
  public Integer call() throws IOException {
    SmokeOptions options = new SmokeOptions(url, read(tokenFile), read(otherTokenFile), read(adminTokenFile), Optional.ofNullable(agentUrl),
        Optional.ofNullable(devHostAddress), Duration.ofSeconds(stepTimeoutSeconds), keep);
    SmokeResult result = new Smoke(options, spec.commandLine().getOut()).run();
    return result.passed() ? 0 : ZlhCommand.EXIT_FAILED;
  }

  private static Optional<String> read(Path file) throws IOException {
    return file == null ? Optional.empty() : Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
  }
}
