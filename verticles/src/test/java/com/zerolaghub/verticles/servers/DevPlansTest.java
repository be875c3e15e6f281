package com.zerolaghub.verticles.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.simulators.SimulatedContainer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dev servers come in sizes fit for code-server (4, 8, 16 GiB), each its own quota of memory, cores and disk. */
class DevPlansTest {
  static ServersNode node;

  @BeforeAll
  static void start() throws Exception {
    node = ServersNode.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
  }

  @Test
  void theCatalogOffersDevPlansBySizeAndTheDotnetRuntime() throws Exception {
    JsonObject dev = ServersNode.json(node.get(ServersNode.newUser(), "/api/catalog")).getJsonObject("dev");
    assertThat(dev.getJsonArray("plans").stream().map(p -> ((JsonObject) p).getString("id") + "=" + ((JsonObject) p).getInteger("memoryMib")))
        .containsExactly("dev-4g=4096", "dev-8g=8192", "dev-16g=16384");
    assertThat(dev.getJsonObject("plan").getString("id")).isEqualTo("dev-4g");
    JsonObject dotnet = dev.getJsonArray("runtimes").stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("id").equals("dotnet")).findFirst().orElseThrow();
    assertThat(dotnet.getString("label")).isEqualTo(".NET");
    assertThat(dotnet.getJsonArray("versions")).isNotEmpty();
  }

  @Test
  void eachDevPlanGetsItsSizeInTheContainer() throws Exception {
    assertContainer(devServer("lab-small", "dev-4g"), 4096, 2);
    assertContainer(devServer("lab-medium", "dev-8g"), 8192, 4);
    assertContainer(devServer("lab-large", "dev-16g"), 16384, 8);
    assertContainer(devServer("lab-default", null), 4096, 2);
  }

  @Test
  void aDotnetDevServerIsCreatedWithCodeServer() throws Exception {
    String user = ServersNode.newUser();
    JsonObject server = node.ready(user, new JsonObject().put("type", "dev").put("name", "dotnet-lab").put("runtime", "dotnet")
        .put("version", "8.0").put("codeServer", true).put("plan", "dev-8g").encode());
    assertThat(server.getString("runtime")).isEqualTo("dotnet");
    assertContainer(server, 8192, 4);
  }

  @Test
  void anUnknownDevPlanIsAFieldErrorNamingThePlans() throws Exception {
    HttpResponse<String> r = node.send(ServersNode.newUser(), "POST", "/api/instances", new JsonObject().put("type", "dev")
        .put("name", "lab").put("runtime", "node").put("version", "22").put("plan", "dev-standard").encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonArray errors = ServersNode.json(r).getJsonArray("errors");
    assertThat(errors.stream().map(JsonObject.class::cast).filter(e -> e.getString("field").equals("plan")))
        .singleElement().satisfies(e -> assertThat(e.getString("message")).contains("dev-4g, dev-8g, dev-16g"));
  }

  private static JsonObject devServer(String name, String plan) throws Exception {
    JsonObject body = new JsonObject().put("type", "dev").put("name", name).put("runtime", "node").put("version", "22")
        .put("codeServer", true);
    if (plan != null) body.put("plan", plan);
    return node.ready(ServersNode.newUser(), body.encode());
  }

  private static void assertContainer(JsonObject server, int memoryMb, int cores) {
    SimulatedContainer ct = node.sims().proxmox().container(server.getInteger("vmid")).orElseThrow();
    assertThat(ct.memoryMb()).as(server.getString("name")).isEqualTo(memoryMb);
    assertThat(ct.cores()).as(server.getString("name")).isEqualTo(cores);
  }
}
