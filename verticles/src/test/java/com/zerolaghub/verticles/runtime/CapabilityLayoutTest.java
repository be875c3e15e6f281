package com.zerolaghub.verticles.runtime;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.verticles.servers.ServersCapability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout of the application's packages (issue 18): capabilities meet only in the runtime,
 * which composes them; what they share of the node lives in {@code node}. Simulators, benchmarks
 * and the CLI are left out: they leave for modules of their own.
 */
class CapabilityLayoutTest {
  /** The capabilities whose appends are already in their {@code *Actions} classes. */
  private static final String[] ACTIONS_ONLY = {"..verticles.servers..", "..verticles.controller..",
      "..verticles.projections..", "..verticles.operators..", "..verticles.timeline..", "..verticles.portal..",
      "..verticles.proxy..", "..verticles.runtime..", "..verticles.node.."};

  /** The capabilities whose capability class is wiring only (routes in endpoints, appends in actions). */
  private static final List<String> WIRING_ONLY = List.of("servers", "controller", "projections", "operators", "timeline",
      "portal", "proxy");

  private static JavaClasses application;

  @BeforeAll
  static void importApplication() {
    application = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("/verticles/bench/") && !location.contains("/verticles/cli/")
            && !location.contains("/verticles/sim/"))
        .importPackages("com.zerolaghub.verticles");
  }

  @Test
  void theApplicationsPackagesFormNoCycle() {
    slices().matching("com.zerolaghub.verticles.(*)..").should().beFreeOfCycles().check(application);
  }

  @Test
  void onlyActionsAndTheCommandHandlingAppendToTheLog() {
    noClasses().that().resideInAnyPackage(ACTIONS_ONLY)
        .and().haveSimpleNameNotEndingWith("Actions")
        // creating a server is the command handler's own atomic append of key claim, slot and server
        .and().doNotHaveSimpleName("ServerCreation")
        .should().callMethodWhere(target(owner(assignableTo(EventStore.class))).and(target(nameStartingWith("append"))))
        .check(application);
  }

  @Test
  void aCapabilityOnlyWiresInAtMost150Lines() throws IOException {
    for (String capability : WIRING_ONLY) {
      String name = Character.toUpperCase(capability.charAt(0)) + capability.substring(1) + "Capability.java";
      Path source = Path.of("src/main/java/com/zerolaghub/verticles", capability, name);
      assertThat(Files.readAllLines(source)).as(source.toString()).hasSizeLessThanOrEqualTo(150);
    }
  }

  @Test
  void otherCapabilitiesReachServersThroughTheirPortsNotItsCapability() {
    noClasses().that().resideOutsideOfPackages("..verticles.servers..", "..verticles.runtime..")
        .should().dependOnClassesThat().areAssignableTo(ServersCapability.class)
        .check(application);
  }
}
