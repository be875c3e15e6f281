package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ResourcePlan;

import com.zerolaghub.events.servers.ServerSpec;

import java.util.List;
import java.util.Optional;

/**
 * What customers may create: game variants and plans, dev runtimes and versions, dev plans by
 * size, and the templates cloned for each kind. The portal's runtime catalog endpoint serializes
 * this record. Each plan is the container's whole quota: memory, cores and root disk.
 *
 * <p>Dev plans start at 4 GiB: the operators measured code-server idling at 1–2 GB and an 8 GB
 * box running out under load, so a 2 GiB dev server was never enough. A dev request without a
 * plan gets the first (smallest) one.
 */
public record Catalog(
    List<GameVariant> variants,
    List<ResourcePlan> gamePlans,
    List<DevRuntime> runtimes,
    List<ResourcePlan> devPlans,
    Templates templates) {

  public Catalog {
    variants = List.copyOf(variants);
    gamePlans = List.copyOf(gamePlans);
    runtimes = List.copyOf(runtimes);
    devPlans = List.copyOf(devPlans);
    if (devPlans.isEmpty()) throw new IllegalArgumentException("a catalog offers at least one dev plan");
  }

  /** The built-in catalog with the given templates. */
  public static Catalog defaults(Templates templates) {
    return new Catalog(
        List.of(
            new GameVariant("vanilla", "Vanilla", 2048),
            new GameVariant("modded", "Modded (Forge/Fabric)", 2048),
            new GameVariant("heavy", "Heavy modpacks", 4096)),
        List.of(
            new ResourcePlan("game-2g", 2048, 2, 10),
            new ResourcePlan("game-4g", 4096, 2, 20),
            new ResourcePlan("game-8g", 8192, 4, 40)),
        List.of(
            new DevRuntime("node", "Node.js", List.of("20", "22")),
            new DevRuntime("python", "Python", List.of("3.11", "3.12")),
            new DevRuntime("java", "Java", List.of("17", "21")),
            new DevRuntime("go", "Go", List.of("1.22", "1.23")),
            new DevRuntime("dotnet", ".NET", List.of("8.0", "9.0"))),
        List.of(
            new ResourcePlan("dev-4g", 4096, 2, 20),
            new ResourcePlan("dev-8g", 8192, 4, 40),
            new ResourcePlan("dev-16g", 16384, 8, 80)),
        templates);
  }

  public static Catalog defaults() {
    return defaults(Templates.defaults());
  }

  public Optional<GameVariant> variant(String id) {
    return variants.stream().filter(v -> v.id().equals(id)).findFirst();
  }

  public Optional<ResourcePlan> gamePlan(String id) {
    return gamePlans.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The dev plan named {@code id}; {@code null} names the default (smallest) one. */
  public Optional<ResourcePlan> devPlan(String id) {
    if (id == null) return Optional.of(defaultDevPlan());
    return devPlans.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  public ResourcePlan defaultDevPlan() {
    return devPlans.get(0);
  }

  public Optional<DevRuntime> runtime(String id) {
    return runtimes.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The resources a valid spec gets; call after validation. */
  public ResourcePlan resourcesFor(ServerSpec spec) {
    if (spec instanceof ServerSpec.Game g) {
      return gamePlan(g.plan()).orElseThrow(() -> new IllegalArgumentException("unknown plan " + g.plan()));
    }
    ServerSpec.Dev d = (ServerSpec.Dev) spec;
    return devPlan(d.plan()).orElseThrow(() -> new IllegalArgumentException("unknown dev plan " + d.plan()));
  }
}
