package com.zerolaghub.verticles.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("docs/configuration.md's key tables name exactly the registry's keys, each with its variable and default")
class ConfigurationDocTest {
  private static final String TABLE_HEADER = "| Key | Environment variable | Default | Meaning |";
  private static final Pattern SECTION = Pattern.compile("^## (\\S+)\\s*$");
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)` \\| (.*?) \\| .*\\|\\s*$");

  /** A documented row: the variable and default as written, under its section's heading. */
  private record Row(String envName, String defaultText) {}

  @Test
  void theTablesNameEveryKeyOfTheRegistryAndNoOther() throws Exception {
    Map<String, Row> documented = documentedKeys();
    List<String> registered = ConfigKeys.all().stream().map(ConfigKeys.Key::path).toList();

    assertThat(documented.keySet()).as("keys in docs/configuration.md's tables (left) against ConfigKeys.all() (right)")
        .containsExactlyInAnyOrderElementsOf(registered);
  }

  @Test
  void everyDocumentedKeyHasItsEnvironmentVariableAndDefault() throws Exception {
    Map<String, Row> documented = documentedKeys();
    List<String> wrong = new ArrayList<>();
    for (ConfigKeys.Key key : ConfigKeys.all()) {
      Row row = documented.get(key.path());
      if (row == null) continue; // the test above names it
      String defaultValue = String.valueOf(key.defaultValue());
      String expected = defaultValue.isEmpty() ? "(empty)" : "`" + defaultValue + "`";
      if (!row.envName().equals(key.envName())) wrong.add(key.path() + ": variable " + row.envName() + ", is " + key.envName());
      if (!row.defaultText().equals(expected)) wrong.add(key.path() + ": default " + row.defaultText() + ", is " + expected);
    }
    assertThat(wrong).as("rows of docs/configuration.md that disagree with ConfigKeys.all()").isEmpty();
  }

  @Test
  void everyKeyHasAOneLineMeaning() {
    for (ConfigKeys.Key key : ConfigKeys.all()) {
      assertThat(key.meaning()).as(key.path()).isNotBlank().doesNotContain("\n").hasSizeLessThanOrEqualTo(120);
    }
  }

  /** Rows of the four-column key tables, by {@code section.key}, the section being the heading above. */
  private static Map<String, Row> documentedKeys() throws Exception {
    Map<String, Row> rows = new LinkedHashMap<>();
    String section = null;
    boolean inKeyTable = false;
    for (String line : Files.readAllLines(Path.of("..", "docs", "configuration.md"))) {
      Matcher heading = SECTION.matcher(line);
      if (heading.matches()) {
        section = heading.group(1);
        inKeyTable = false;
      } else if (line.equals(TABLE_HEADER)) {
        inKeyTable = true;
      } else if (!line.startsWith("|")) {
        inKeyTable = false;
      } else if (inKeyTable) {
        Matcher row = ROW.matcher(line);
        if (row.matches()) {
          Row previous = rows.put(section + "." + row.group(1), new Row(row.group(2), row.group(3)));
          assertThat(previous).as("%s.%s documented twice", section, row.group(1)).isNull();
        }
      }
    }
    return rows;
  }
}
