package dev.gatehouse.adapters.crypto.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into addresses: the system resolver, or a scripted one in tests. */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** Every address the name has now (at least one). */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
