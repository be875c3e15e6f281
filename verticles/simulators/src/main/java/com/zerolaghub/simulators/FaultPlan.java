package com.zerolaghub.simulators;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Faults a simulator injects, as an immutable value: build one with the {@code with…}/{@code …ing}
 * methods and hand it to a simulator's {@code faults(FaultPlan)}. Rules are tried in order; the
 * first whose method and path pattern match the request applies. Latency is added before every
 * answer (including faulty ones).
 *
 * @param latency delay added before each request is handled
 * @param rules per-request faults (forced status, no answer, dropped connection)
 * @param taskFailures Proxmox only: task types that end with a given error exit status
 * @param taskDuration Proxmox only: how long tasks run; null keeps the simulator's default
 */
public record FaultPlan(Duration latency, List<Rule> rules, List<TaskFailure> taskFailures, Duration taskDuration) {

  /** What a matching rule does to the request. */
  public enum Kind {
    /** Answer with {@link Rule#status()} in the system's error format. */
    STATUS,
    /** Never answer; the connection stays open until the client gives up or the simulator stops. */
    HANG,
    /** Close the connection without an answer. */
    DROP
  }

  /**
   * One request fault; {@code method} null matches any method, {@code path} is searched in the
   * request path; {@code message} (may be null) is the error text a {@link Kind#STATUS} answer carries.
   */
  public record Rule(String method, Pattern path, Kind kind, int status, String message) {
    boolean matches(String requestMethod, String requestPath) {
      return (method == null || method.equalsIgnoreCase(requestMethod)) && path.matcher(requestPath).find();
    }
  }

  /** Proxmox tasks of {@code taskType} (e.g. {@code vzclone}, {@code vzstart}) end with {@code exitstatus}. */
  public record TaskFailure(String taskType, String exitstatus) {}

  public FaultPlan {
    Objects.requireNonNull(latency, "latency");
    rules = List.copyOf(rules);
    taskFailures = List.copyOf(taskFailures);
  }

  /** No faults. */
  public static FaultPlan none() {
    return new FaultPlan(Duration.ZERO, List.of(), List.of(), null);
  }

  public FaultPlan withLatency(Duration latency) {
    return new FaultPlan(latency, rules, taskFailures, taskDuration);
  }

  /** Requests whose path matches {@code pathRegex} are answered with {@code status} (e.g. 500, 503). */
  public FaultPlan failing(String pathRegex, int status) {
    return failing(null, pathRegex, status);
  }

  /** Like {@link #failing(String, int)} for one HTTP method only. */
  public FaultPlan failing(String method, String pathRegex, int status) {
    return withRule(new Rule(method, Pattern.compile(pathRegex), Kind.STATUS, status, null));
  }

  /**
   * Like {@link #failing(String, String, int)} with the system's own error text, e.g. a Proxmox
   * 500 {@code "unable to get any free VMID in range [100, 1000000]"}.
   */
  public FaultPlan failing(String method, String pathRegex, int status, String message) {
    return withRule(new Rule(method, Pattern.compile(pathRegex), Kind.STATUS, status, message));
  }

  /** Requests whose path matches are never answered. */
  public FaultPlan hanging(String pathRegex) {
    return withRule(new Rule(null, Pattern.compile(pathRegex), Kind.HANG, 0, null));
  }

  /** Requests whose path matches lose their connection without an answer. */
  public FaultPlan dropping(String pathRegex) {
    return withRule(new Rule(null, Pattern.compile(pathRegex), Kind.DROP, 0, null));
  }

  /** Proxmox tasks of this type fail with {@code exitstatus}, e.g. {@code failingTasks("vzclone", "clone failed: disk full")}. */
  public FaultPlan failingTasks(String taskType, String exitstatus) {
    List<TaskFailure> failures = new ArrayList<>(taskFailures);
    failures.add(new TaskFailure(taskType, exitstatus));
    return new FaultPlan(latency, rules, failures, taskDuration);
  }

  /** Proxmox tasks take this long (locks held that long). */
  public FaultPlan withTaskDuration(Duration taskDuration) {
    return new FaultPlan(latency, rules, taskFailures, taskDuration);
  }

  private FaultPlan withRule(Rule rule) {
    List<Rule> all = new ArrayList<>(rules);
    all.add(rule);
    return new FaultPlan(latency, all, taskFailures, taskDuration);
  }

  Optional<Rule> ruleFor(String method, String path) {
    return rules.stream().filter(r -> r.matches(method, path)).findFirst();
  }

  Optional<String> taskFailureFor(String taskType) {
    return taskFailures.stream().filter(f -> f.taskType().equals(taskType)).map(TaskFailure::exitstatus).findFirst();
  }
}
