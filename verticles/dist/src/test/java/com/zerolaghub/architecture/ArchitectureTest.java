package com.zerolaghub.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rules of docs/architecture.md, checked on the compiled classes of every module (tests excluded).
 * Each rule names the place a newcomer should have put the thing it found.
 */
@AnalyzeClasses(packages = "com.zerolaghub", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String EVENTS = "com.zerolaghub.events..";
  private static final String CORE = "com.zerolaghub.core..";
  private static final String PROJECTIONS = "com.zerolaghub.projections..";
  private static final String PROXY = "com.zerolaghub.proxy..";
  private static final String SIMULATORS = "com.zerolaghub.simulators..";
  private static final String APPLICATION = "com.zerolaghub.verticles..";
  private static final String BENCH = "com.zerolaghub.bench..";
  private static final String RUNTIME = "com.zerolaghub.verticles.runtime";
  /** The application's sources, from this module's folder (verticles/dist). */
  private static final Path APPLICATION_SOURCES = Path.of("../src/main/java");
  private static final String COMMAND_HANDLER = "com.zerolaghub.core.command.CommandHandler";

  private static final ArchRule MODULES_ONE_WAY = layeredArchitecture()
      .consideringOnlyDependenciesInLayers()
      .layer("events").definedBy(EVENTS)
      .layer("core").definedBy(CORE)
      .layer("projections").definedBy(PROJECTIONS)
      .layer("proxy").definedBy(PROXY)
      .layer("simulators").definedBy(SIMULATORS)
      .layer("application").definedBy(APPLICATION)
      .layer("bench").definedBy(BENCH)
      .whereLayer("bench").mayNotBeAccessedByAnyLayer()
      .whereLayer("application").mayOnlyBeAccessedByLayers("bench")
      .whereLayer("simulators").mayOnlyBeAccessedByLayers("application", "bench")
      .whereLayer("proxy").mayOnlyBeAccessedByLayers("application", "bench")
      .whereLayer("projections").mayOnlyBeAccessedByLayers("proxy", "application", "bench")
      .whereLayer("core").mayOnlyBeAccessedByLayers("projections", "proxy", "simulators", "application", "bench")
      .whereLayer("events").mayOnlyBeAccessedByLayers("core", "projections", "proxy", "simulators", "application", "bench")
      .because("modules depend one way: events, core, projections, proxy, simulators, the application, benchmarks");

  /**
   * Adapters (core.infra), the saga's I/O loop (core.servers.run), the ports between capabilities
   * (core.ports) and the command handler may use Vert.x; deciders and policies may not.
   */
  private static final ArchRule PURE_CORE_DOMAIN = noClasses()
      .that().resideInAPackage(CORE)
      .and().resideOutsideOfPackages("com.zerolaghub.core.infra..", "com.zerolaghub.core.servers.run..",
          "com.zerolaghub.core.ports..")
      .and(describe("are not the command handler", c -> !topLevel(c).getName().equals(COMMAND_HANDLER)))
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.vertx..", "io.netty..", "java.sql..", "javax.sql..", "java.net.http..", "org.postgresql..", "com.stripe..")
      .because("core's domain packages are pure Java, tested without Vert.x");

  /** The async edges of core speak Vert.x's Future and nothing more of it. */
  private static final ArchRule ASYNC_EDGES_ONLY_SPEAK_FUTURE = noClasses()
      .that().resideInAPackage("com.zerolaghub.core.ports..")
      .or(describe("are the command handler", c -> topLevel(c).getName().equals(COMMAND_HANDLER)))
      .should().dependOnClassesThat(describe("are Vert.x or Netty other than Future and Promise",
          c -> (c.getPackageName().startsWith("io.vertx") || c.getPackageName().startsWith("io.netty"))
              && !c.getName().equals("io.vertx.core.Future") && !c.getName().equals("io.vertx.core.Promise")))
      .because("a port or the command handler that needs more than a Future belongs in an adapter or a capability");

  private static final ArchRule APPENDS_IN_ACTIONS = noClasses()
      .that(describe("are not an *Actions class, the command handler or the provisioning saga",
          c -> !isAllowedToAppend(c)))
      .should().callMethodWhere(describe("an append to the event store or a server's log", ArchitectureTest::isAppend))
      .because("XActions alone append to the log (docs/architecture.md)");

  private static final ArchRule PROJECTIONS_AT_HOME = classes()
      .that(describe("implement MemoryProjection or TableProjection outside the benchmarks",
          c -> !c.getPackageName().startsWith("com.zerolaghub.bench")
              && (c.isAssignableTo("com.zerolaghub.projections.MemoryProjection")
                  || c.isAssignableTo("com.zerolaghub.projections.TableProjection"))))
      .should().resideInAPackage(PROJECTIONS)
      .because("every read model has its home in the projections module");

  private static final ArchRule PACKAGES_ACYCLIC = slices().matching("com.zerolaghub.(**)").should().beFreeOfCycles();

  private static final ArchRule EVENT_STORE_INTERNALS_STAY_INSIDE = noClasses()
      .that().resideOutsideOfPackages("com.zerolaghub.events.impl..", "com.zerolaghub.verticles.runtime..",
          "com.zerolaghub.verticles.cli..", "com.zerolaghub.verticles.node..", BENCH)
      .should().dependOnClassesThat().resideInAPackage("com.zerolaghub.events.impl..")
      .because("the PostgreSQL event store is built by the node's wiring and context and by the CLI; everyone else uses the events API");

  private static final ArchRule PROXY_INTERNALS_STAY_INSIDE = noClasses()
      .that().resideOutsideOfPackages("com.zerolaghub.proxy.impl..", "com.zerolaghub.verticles.proxy..", BENCH)
      .should().dependOnClassesThat().resideInAPackage("com.zerolaghub.proxy.impl..")
      .because("the proxy library's Netty/Vert.x internals are wired by the proxy capability alone");

  @ArchTest
  static void modulesDependOneWay(JavaClasses all) {
    MODULES_ONE_WAY.check(all);
  }

  @ArchTest
  static void coreDomainIsPureJava(JavaClasses all) {
    PURE_CORE_DOMAIN.check(all);
  }

  @ArchTest
  static void onlyActionsAppendToTheLog(JavaClasses all) {
    APPENDS_IN_ACTIONS.check(all);
  }

  @ArchTest
  static void everyProjectionLivesInProjections(JavaClasses all) {
    PROJECTIONS_AT_HOME.check(all);
  }

  @ArchTest
  static void noPackageCycles(JavaClasses all) {
    PACKAGES_ACYCLIC.check(all);
  }

  @ArchTest
  static void asyncEdgesOfCoreOnlySpeakFuture(JavaClasses all) {
    ASYNC_EDGES_ONLY_SPEAK_FUTURE.check(all);
  }

  @ArchTest
  static void eventStoreInternalsStayInside(JavaClasses all) {
    EVENT_STORE_INTERNALS_STAY_INSIDE.check(all);
  }

  @ArchTest
  static void proxyInternalsStayInside(JavaClasses all) {
    PROXY_INTERNALS_STAY_INSIDE.check(all);
  }

  /** Capabilities meet in the runtime, which composes them; one never holds another's capability class. */
  @ArchTest
  static void onlyTheRuntimeComposesCapabilities(JavaClasses all) {
    List<String> reached = new ArrayList<>();
    all.stream().filter(ArchitectureTest::isCapability).forEach(capability -> capability.getDirectDependenciesToSelf()
        .forEach(d -> {
          String from = topLevel(d.getOriginClass()).getPackageName();
          if (!from.equals(capability.getPackageName()) && !from.startsWith(RUNTIME) && !from.startsWith("com.zerolaghub.bench")) {
            reached.add(d.getDescription());
          }
        }));
    if (!reached.isEmpty()) {
      throw new AssertionError("a capability reached through another's capability class (use a port):\n  "
          + String.join("\n  ", reached.stream().distinct().sorted().toList()));
    }
  }

  /** An XCapability only wires: past 150 lines it holds routes, actions or logic that have homes of their own. */
  @ArchTest
  static void aCapabilityOnlyWiresInAtMost150Lines(JavaClasses all) throws IOException {
    List<String> long_ = new ArrayList<>();
    for (JavaClass capability : all.stream().filter(ArchitectureTest::isCapability).toList()) {
      Path source = APPLICATION_SOURCES.resolve(capability.getName().replace('.', '/') + ".java");
      int lines = Files.readAllLines(source).size();
      if (lines > 150) long_.add(capability.getSimpleName() + ": " + lines + " lines");
    }
    if (!long_.isEmpty()) throw new AssertionError("capabilities over 150 lines:\n  " + String.join("\n  ", long_));
  }

  @ArchTest
  static void noTwoClassesShareASimpleName(JavaClasses all) {
    Map<String, List<String>> byName = all.stream()
        .filter(c -> c.isTopLevelClass() && !c.getSimpleName().equals("package-info"))
        .collect(Collectors.groupingBy(JavaClass::getSimpleName,
            Collectors.mapping(JavaClass::getName, Collectors.toList())));
    List<String> twice = byName.values().stream().filter(names -> names.size() > 1)
        .map(names -> String.join(" and ", names)).sorted().toList();
    if (!twice.isEmpty()) {
      throw new AssertionError("class names used twice:\n  " + String.join("\n  ", twice));
    }
  }

  private static boolean isCapability(JavaClass c) {
    return c.isTopLevelClass() && c.getPackageName().startsWith("com.zerolaghub.verticles.")
        && c.getSimpleName().endsWith("Capability") && !c.isInterface();
  }

  private static boolean isAllowedToAppend(JavaClass c) {
    JavaClass top = topLevel(c);
    return top.getSimpleName().endsWith("Actions")
        || top.getSimpleName().equals("ServerCreation")
        || top.getPackageName().startsWith("com.zerolaghub.events")
        || top.getPackageName().startsWith("com.zerolaghub.core.command")
        || top.getPackageName().startsWith("com.zerolaghub.core.servers.run")
        || top.getPackageName().startsWith("com.zerolaghub.bench");
  }

  private static boolean isAppend(JavaMethodCall call) {
    String owner = call.getTargetOwner().getName();
    boolean log = owner.equals("com.zerolaghub.events.EventStore")
        || owner.equals("com.zerolaghub.core.servers.run.ServerLog")
        || call.getTargetOwner().isAssignableTo("com.zerolaghub.events.EventStore");
    return log && call.getName().startsWith("append");
  }

  private static JavaClass topLevel(JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top;
  }
}
