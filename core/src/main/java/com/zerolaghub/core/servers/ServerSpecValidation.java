package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ResourcePlan;

import com.zerolaghub.events.servers.ServerSpec;

import com.zerolaghub.core.command.Rejection.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Field errors of a create request against the catalog; the field names are the JSON body's. */
public final class ServerSpecValidation {
  /** 3–32 of a–z, 0–9, '-'; starting and ending with a letter or digit, since it becomes a DNS label. */
  private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$");
  /** Visible ASCII, as the IETF idempotency-key draft suggests for the header value. */
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[\\x21-\\x7e]{1,255}$");

  public static final String IDEMPOTENCY_KEY_FIELD = "Idempotency-Key";

  private ServerSpecValidation() {}

  public static List<FieldError> validate(ServerSpec spec, Catalog catalog) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) return List.of(new FieldError("kind", "must be game or dev"));
    if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
      errors.add(new FieldError("name", "must be 3–32 characters of a–z, 0–9 or -, starting and ending with a letter or digit"));
    }
    if (spec instanceof ServerSpec.Game g) {
      var variant = catalog.variant(g.variant());
      var plan = catalog.gamePlan(g.plan());
      if (variant.isEmpty()) errors.add(new FieldError("variant", "must be one of " + ids(catalog.variants().stream().map(GameVariant::id).toList())));
      if (plan.isEmpty()) {
        errors.add(new FieldError("plan", "must be one of " + ids(catalog.gamePlans().stream().map(ResourcePlan::id).toList())));
      } else if (variant.isPresent() && plan.get().memoryMib() < variant.get().minMemoryMib()) {
        List<String> fitting = catalog.gamePlans().stream()
            .filter(p -> p.memoryMib() >= variant.get().minMemoryMib()).map(ResourcePlan::id).toList();
        errors.add(new FieldError("plan", "the " + variant.get().id() + " variant needs at least "
            + variant.get().minMemoryMib() + " MiB: choose " + ids(fitting)));
      }
    } else if (spec instanceof ServerSpec.Dev d) {
      if (catalog.devPlan(d.plan()).isEmpty()) {
        errors.add(new FieldError("plan", "must be one of " + ids(catalog.devPlans().stream().map(ResourcePlan::id).toList())
            + " for a dev server"));
      }
      var runtime = catalog.runtime(d.runtime());
      if (runtime.isEmpty()) {
        errors.add(new FieldError("runtime", "must be one of " + ids(catalog.runtimes().stream().map(DevRuntime::id).toList())));
      } else if (d.version() == null || !runtime.get().versions().contains(d.version())) {
        errors.add(new FieldError("version", "must be one of " + ids(runtime.get().versions()) + " for " + runtime.get().id()));
      }
    }
    return errors;
  }

  public static List<FieldError> validateIdempotencyKey(String key) {
    if (key == null || IDEMPOTENCY_KEY.matcher(key).matches()) return List.of();
    return List.of(new FieldError(IDEMPOTENCY_KEY_FIELD, "must be 1–255 visible ASCII characters"));
  }

  private static String ids(List<String> ids) {
    return String.join(", ", ids);
  }
}
