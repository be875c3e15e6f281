package com.zerolaghub.verticles.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as operators write them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} (a bare number is seconds). */
final class DurationText implements ITypeConverter<Duration> {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

  @Override
  public Duration convert(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) throw new TypeConversionException("'" + text + "' is not a duration such as 500ms, 30s, 2m or 1h");
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d;
    switch (unit) {
      case "ms": d = Duration.ofMillis(n); break;
      case "m": d = Duration.ofMinutes(n); break;
      case "h": d = Duration.ofHours(n); break;
      default: d = Duration.ofSeconds(n); break;
    }
    if (d.isZero()) throw new TypeConversionException("a duration must be positive");
    return d;
  }
}
