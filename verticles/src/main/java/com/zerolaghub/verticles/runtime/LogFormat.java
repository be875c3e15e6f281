package com.zerolaghub.verticles.runtime;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.zerolaghub.verticles.config.LogConfig;
import java.net.URL;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code log.json} once the configuration is loaded. Logging starts before that, from
 * the {@code ZLH_LOG_JSON} environment variable (see logback.xml); a configuration file that
 * says otherwise re-reads logback.xml with the format switched.
 */
public final class LogFormat {
  static final String PROPERTY = "ZLH_LOG_JSON";

  private LogFormat() {}

  /** Applies {@code log.json} ({@code auto}, {@code true} or {@code false}). */
  public static void apply(String json) {
    apply(new LogConfig(json).json());
  }

  public static void apply(boolean json) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
    String wanted = Boolean.toString(json);
    String current = context.getProperty("LOG_JSON");
    if (wanted.equals(current)) return;
    URL config = LogFormat.class.getClassLoader().getResource("logback.xml");
    if (config == null) return;
    System.setProperty(PROPERTY, wanted);
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      System.err.println("cannot reconfigure logging: " + e.getMessage());
    }
  }
}
