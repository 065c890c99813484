package io.dyad.ingest.fetch;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Decides whether the service may send a request to a URL (asked for every URL, redirects included) and which
 * addresses a host may be connected to. The HTTP client connects only to addresses returned by
 * {@link #addressesToConnect}, so what was checked is what is connected to.
 */
public interface UrlGuard {

    /** @throws UrlRefusedException with a sentence saying why when the URL must not be requested */
    void check(URI uri);

    /**
     * Resolves {@code host} for a connection, keeping only addresses the service may reach.
     *
     * @throws RefusedAddressException when the host resolves to an address that must not be reached
     * @throws UnknownHostException when the host cannot be resolved
     */
    default InetAddress[] addressesToConnect(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
