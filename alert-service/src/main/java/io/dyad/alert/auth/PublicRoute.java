package io.dyad.alert.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource reached from links in mails (confirm, unsubscribe): no API key. Such routes act only on an unguessable
 * token in the link and show nothing but the subscription's name and the address the link was sent to.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PublicRoute {
}
