package com.zerolaghub.verticles.config;

/** The configuration cannot be used as given; the message names the key and what it expects. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
