package io.dyad.systemtests.deploy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network in CIDR notation, for checking what a NetworkPolicy ipBlock lets through. */
record Cidr(byte[] network, int prefix) {

    static Cidr parse(String cidr) {
        String[] parts = cidr.split("/");
        try {
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8;
            return new Cidr(address, prefix);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + cidr, e);
        }
    }

    boolean contains(Cidr other) {
        return network.length == other.network.length && other.prefix >= prefix && samePrefix(other.network, prefix);
    }

    boolean contains(String address) {
        return contains(parse(address));
    }

    private boolean samePrefix(byte[] address, int bits) {
        int width = network.length * 8;
        BigInteger mask = bits == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE).shiftRight(width - bits).shiftLeft(width - bits);
        return new BigInteger(1, network).and(mask).equals(new BigInteger(1, address).and(mask));
    }
}
