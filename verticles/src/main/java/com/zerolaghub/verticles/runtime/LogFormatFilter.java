package com.zerolaghub.verticles.runtime;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import com.zerolaghub.verticles.config.Terminal;
import java.util.Locale;

/**
 * Lets a console appender write only when its format is the selected one (logback.xml keeps a
 * JSON and a plain appender; plain Logback cannot choose one without Janino).
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {
  private String selected = "true";
  private String format = "true";

  /** The value of {@code ZLH_LOG_JSON}. */
  public void setSelected(String selected) {
    this.selected = selected;
  }

  /** The {@code ZLH_LOG_JSON} value this appender writes for. */
  public void setFormat(String format) {
    this.format = format;
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    return format.trim().equalsIgnoreCase(resolved(selected, Terminal.attached()))
        ? FilterReply.NEUTRAL : FilterReply.DENY;
  }

  /** {@code auto} is plain text ({@code false}) in a terminal and JSON ({@code true}) elsewhere. */
  static String resolved(String selected, boolean terminal) {
    String s = selected.trim().toLowerCase(Locale.ROOT);
    return s.equals("auto") ? Boolean.toString(!terminal) : s;
  }
}
