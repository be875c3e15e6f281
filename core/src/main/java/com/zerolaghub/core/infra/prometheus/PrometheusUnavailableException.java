package com.zerolaghub.core.infra.prometheus;

/** Prometheus's query API could not give an answer (refused, timed out, an error status, no result). */
public final class PrometheusUnavailableException extends RuntimeException {
  public PrometheusUnavailableException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
