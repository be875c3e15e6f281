package com.zerolaghub.verticles.cli;

import com.zerolaghub.verticles.config.ConfigKeys;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code zlh config keys}: the key registry, so an operator needs no source (or network) to look a key up. */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Lists every configuration key with its environment variable, default and meaning.")
final class ConfigKeysCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<ConfigKeys.Key> keys = ConfigKeys.all();
    int pathWidth = keys.stream().mapToInt(k -> k.path().length()).max().orElse(0);
    int envWidth = keys.stream().mapToInt(k -> k.envName().length()).max().orElse(0);
    int defaultWidth = keys.stream().mapToInt(k -> shown(k.defaultValue()).length()).max().orElse(0);
    String row = "%-" + pathWidth + "s  %-" + envWidth + "s  %-" + defaultWidth + "s  %s%n";
    PrintWriter out = spec.commandLine().getOut();
    out.printf(row, "KEY", "ENVIRONMENT VARIABLE", "DEFAULT", "MEANING");
    for (ConfigKeys.Key k : keys) out.printf(row, k.path(), k.envName(), shown(k.defaultValue()), k.meaning());
    out.flush();
    return 0;
  }

  private static String shown(Object defaultValue) {
    String text = String.valueOf(defaultValue);
    return text.isEmpty() ? "(empty)" : text;
  }
}
