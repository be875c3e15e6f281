package com.zerolaghub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = BenchCommand.NAME, mixinStandardHelpOptions = true,
    description = "Runs a named benchmark; it prints one line of JSON with its results.")
public final class BenchCommand implements Callable<Integer> {
  static final String NAME = "bench";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "Benchmark name.")
  String name;

  @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments for the benchmark.")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Benchmark benchmark = Benchmarks.find(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
        "unknown benchmark '" + name + "'; known: " + (Benchmarks.names().isEmpty() ? "(none)" : String.join(", ", Benchmarks.names()))));
    benchmark.run(List.copyOf(args), spec.commandLine().getOut());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
