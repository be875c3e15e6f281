package com.zerolaghub.core.instances;

import com.zerolaghub.events.servers.ResourcePlan;

import com.zerolaghub.events.servers.ServerSpec;

import java.util.List;
import java.util.Optional;

/**
 * What customers may create: game variants and plans, dev runtimes and versions, and the
 * templates cloned for each kind. The portal's runtime catalog endpoint serializes this record.
 */
public record Catalog(
    List<GameVariant> variants,
    List<ResourcePlan> gamePlans,
    List<DevRuntime> runtimes,
    ResourcePlan devPlan,
    Templates templates) {

  public Catalog {
    variants = List.copyOf(variants);
    gamePlans = List.copyOf(gamePlans);
    runtimes = List.copyOf(runtimes);
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
            new DevRuntime("go", "Go", List.of("1.22", "1.23"))),
        new ResourcePlan("dev-standard", 2048, 2, 20),
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

  public Optional<DevRuntime> runtime(String id) {
    return runtimes.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The resources a valid spec gets; call after validation. */
  public ResourcePlan resourcesFor(ServerSpec spec) {
    if (spec instanceof ServerSpec.Game g) {
      return gamePlan(g.plan()).orElseThrow(() -> new IllegalArgumentException("unknown plan " + g.plan()));
    }
    return devPlan;
  }
}
