package com.zerolaghub.verticles.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("docs/configuration.md documents every key with its variable and default")
class ConfigurationDocTest {

  @Test
  void everyKeyHasARowWithItsEnvironmentVariableAndDefault() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
    for (ConfigKeys.Key key : ConfigKeys.all()) {
      String defaultValue = String.valueOf(key.defaultValue());
      String row = "| `" + key.name() + "` | `" + key.envName() + "` | " + (defaultValue.isEmpty() ? "(empty)" : "`" + defaultValue + "`") + " |";
      assertThat(doc).as("row for %s", key.path()).contains(row);
    }
  }
}
