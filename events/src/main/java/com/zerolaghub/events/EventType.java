package com.zerolaghub.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable name and current schema version of an event record. The name is what the log
 * stores, so renaming a Java class never breaks old events; bump the version and register an
 * {@link Upcaster} when the payload's shape changes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {
  String name();

  int version() default 1;
}
