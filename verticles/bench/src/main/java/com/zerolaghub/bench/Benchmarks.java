package com.zerolaghub.bench;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every benchmark {@code zlh bench} can run, by name. A new benchmark adds itself to {@link #ALL}. */
public final class Benchmarks {
  private static final List<Benchmark> ALL = List.of(
      new AppendBenchmark(), new ReplayBenchmark(), new LoginBenchmark(), new ProvisionBenchmark(),
      new AuditBenchmark(), new WebhookBenchmark(), new SdBenchmark(), new ReconcileBenchmark(), new NotifyBenchmark(),
      new ProxyBenchmark(), new CatchupBenchmark(), new RollingLoad());

  private static final Map<String, Benchmark> BY_NAME = index(ALL);

  private Benchmarks() {}

  public static Optional<Benchmark> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Names in alphabetical order. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  static Map<String, Benchmark> index(List<Benchmark> benchmarks) {
    Map<String, Benchmark> byName = new TreeMap<>();
    for (Benchmark b : benchmarks) {
      if (byName.putIfAbsent(b.name(), b) != null) throw new IllegalStateException("two benchmarks named " + b.name());
    }
    return Collections.unmodifiableMap(byName);
  }
}
