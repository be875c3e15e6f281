package com.zerolaghub.verticles.testing;

import com.zerolaghub.events.testing.TestRedis;
import com.zerolaghub.verticles.cli.ZlhCommand;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** An administrator of a {@link WiredNode}, made as operators make one ({@code zlh admin create}), signed in. */
public final class Administrator {
  private Administrator() {}

  /** Answers the administrator's bearer token. */
  public static String create(WiredNode node, Path dir, String username) throws Exception {
    Path config = Files.writeString(dir.resolve(username + "-zlh.yaml"), "db:\n  host: localhost\n  port: " + node.database.port()
        + "\n  database: " + node.database.name() + "\n  user: " + node.database.user() + "\n  password: "
        + node.database.password() + "\nredis:\n  uri: " + TestRedis.uri() + "\nauth:\n  bcryptCost: 4\n");
    Path password = Files.writeString(dir.resolve(username + "-pw"), "administrator password\n");
    String email = username + "@ops.zerolaghub.test";
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ZlhCommand.execute(new ByteArrayOutputStream(), err, "admin", "create", "--config", config.toString(),
        "--email", email, "--username", username, "--password-file", password.toString());
    if (code != 0) throw new AssertionError("zlh admin create: " + err.toString(StandardCharsets.UTF_8));
    HttpResponse<String> login = node.send(null, "POST", "/api/auth/login",
        new JsonObject().put("email", email).put("password", "administrator password"));
    if (login.statusCode() != 200) throw new AssertionError("admin login: " + login.statusCode() + " " + login.body());
    return new JsonObject(login.body()).getString("token");
  }
}
