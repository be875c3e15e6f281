package com.zerolaghub.verticles.cli;

import com.zerolaghub.core.audit.AuditVerification;
import com.zerolaghub.core.audit.AuditVerifier;
import com.zerolaghub.core.audit.Ed25519Keys;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zlh audit verify}: checks an export's hash chain and signature; names the first altered line. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Checks an audit export: exit 0 with one OK line, or exit 1 with 'line N: why' for the first bad line.")
final class AuditVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The NDJSON export.")
  Path file;

  @Option(names = "--pubkey", required = true, paramLabel = "PEM", description = "Ed25519 public key (X.509 PEM).")
  Path pubkey;

  @Override
  public Integer call() throws Exception {
    AuditVerification v;
    try (InputStream in = Files.newInputStream(file)) {
      v = AuditVerifier.verify(in, Ed25519Keys.readPublic(pubkey));
    }
    if (v.ok()) {
      spec.commandLine().getOut().println("OK: " + v.events() + " events, hash chain and signature valid");
      return 0;
    }
    spec.commandLine().getOut().println("line " + v.line() + ": " + v.reason());
    return ZlhCommand.EXIT_FAILED;
  }
}
