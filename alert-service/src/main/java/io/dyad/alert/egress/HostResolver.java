package io.dyad.alert.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a host name to all its addresses (the JDK resolver in production, a fixed table in tests). */
@FunctionalInterface
public interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;

    HostResolver SYSTEM = InetAddress::getAllByName;
}
