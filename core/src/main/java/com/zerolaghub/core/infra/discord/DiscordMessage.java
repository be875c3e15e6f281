package com.zerolaghub.core.infra.discord;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A webhook message: content plus one embed (title, description). */
public record DiscordMessage(String content, String embedTitle, String embedDescription) {
  public JsonObject toJson() {
    JsonObject body = new JsonObject().put("content", content)
        .put("allowed_mentions", new JsonObject().put("parse", new JsonArray()));
    if (embedTitle != null || embedDescription != null) {
      body.put("embeds", new JsonArray().add(new JsonObject().put("title", embedTitle).put("description", embedDescription)));
    }
    return body;
  }
}
