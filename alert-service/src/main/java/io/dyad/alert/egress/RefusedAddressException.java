package io.dyad.alert.egress;

import java.net.UnknownHostException;

/**
 * Thrown from the HTTP client's DNS step when a host resolves to an address the guard refuses. An
 * {@link UnknownHostException}, so the client gives up on the connection without trying any address.
 */
public final class RefusedAddressException extends UnknownHostException {

    public RefusedAddressException(String reason) {
        super(reason);
    }
}
