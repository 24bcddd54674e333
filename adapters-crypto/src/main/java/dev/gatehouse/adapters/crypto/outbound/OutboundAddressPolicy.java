package dev.gatehouse.adapters.crypto.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a server-side fetch of a tenant-chosen URL may connect to: public unicast only. Refused are the
 * special-purpose ranges of the IANA IPv4 and IPv6 registries that are not globally reachable, plus multicast and
 * the reserved blocks: what a tenant could use to reach the server's own host, its private network or a cloud
 * metadata service (server-side request forgery). IPv6 is allowed only inside global unicast 2000::/3, minus its
 * special blocks; an address that carries an IPv4 one (mapped ::ffff:0:0/96, 6to4 2002::/16) is judged by it.
 */
public final class OutboundAddressPolicy {
    private static final List<Block> IPV4 = List.of(
            new Block("0.0.0.0", 8, "'this network' (0.0.0.0/8)"),
            new Block("10.0.0.0", 8, "private network (10.0.0.0/8)"),
            new Block("100.64.0.0", 10, "carrier-grade NAT (100.64.0.0/10)"),
            new Block("127.0.0.0", 8, "loopback (127.0.0.0/8)"),
            new Block("169.254.0.0", 16, "link-local, cloud metadata (169.254.0.0/16)"),
            new Block("172.16.0.0", 12, "private network (172.16.0.0/12)"),
            new Block("192.0.0.0", 24, "IETF protocol assignments (192.0.0.0/24)"),
            new Block("192.0.2.0", 24, "documentation (192.0.2.0/24)"),
            new Block("192.88.99.0", 24, "deprecated 6to4 relay anycast (192.88.99.0/24)"),
            new Block("192.168.0.0", 16, "private network (192.168.0.0/16)"),
            new Block("198.18.0.0", 15, "benchmarking (198.18.0.0/15)"),
            new Block("198.51.100.0", 24, "documentation (198.51.100.0/24)"),
            new Block("203.0.113.0", 24, "documentation (203.0.113.0/24)"),
            new Block("224.0.0.0", 4, "multicast (224.0.0.0/4)"),
            new Block("240.0.0.0", 4, "reserved or broadcast (240.0.0.0/4)"));
    private static final Block GLOBAL_UNICAST_V6 = new Block("2000::", 3, "outside global unicast (2000::/3)");
    private static final List<Block> IPV6_IN_GLOBAL_UNICAST = List.of(
            new Block("2001::", 23, "IETF protocol assignments, Teredo (2001::/23)"),
            new Block("2001:db8::", 32, "documentation (2001:db8::/32)"),
            new Block("3fff::", 20, "documentation (3fff::/20)"));
    private static final Block SIX_TO_FOUR = new Block("2002::", 16, "6to4 (2002::/16)");
    private static final Block MAPPED_V4 = new Block("::ffff:0:0", 96, "IPv4-mapped (::ffff:0:0/96)");

    private OutboundAddressPolicy() {
    }

    /** Why a connection to {@code address} is refused, or empty when it is a public unicast address. */
    public static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return refusalV4(bytes);
        }
        if (!(address instanceof Inet6Address)) {
            return Optional.of("not an IP address");
        }
        if (MAPPED_V4.contains(bytes)) {
            return refusalV4(java.util.Arrays.copyOfRange(bytes, 12, 16)).map(r -> "IPv4-mapped " + r);
        }
        if (!GLOBAL_UNICAST_V6.contains(bytes)) {
            return Optional.of(describeOutsideGlobalUnicast(bytes));
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return refusalV4(java.util.Arrays.copyOfRange(bytes, 2, 6)).map(r -> "6to4 (2002::/16) embedding " + r);
        }
        return IPV6_IN_GLOBAL_UNICAST.stream().filter(b -> b.contains(bytes)).findFirst().map(Block::name);
    }

    private static Optional<String> refusalV4(byte[] bytes) {
        return IPV4.stream().filter(b -> b.contains(bytes)).findFirst().map(Block::name);
    }

    private static String describeOutsideGlobalUnicast(byte[] bytes) {
        int first = bytes[0] & 0xff;
        if (first == 0xff) {
            return "multicast (ff00::/8)";
        }
        if ((first & 0xfe) == 0xfc) {
            return "unique local (fc00::/7)";
        }
        if (first == 0xfe && (bytes[1] & 0xc0) == 0x80) {
            return "link-local (fe80::/10)";
        }
        if (new Block("64:ff9b::", 96, "").contains(bytes) || new Block("64:ff9b:1::", 48, "").contains(bytes)) {
            return "NAT64 (64:ff9b::/96, 64:ff9b:1::/48)";
        }
        return "not global unicast (outside 2000::/3: loopback, unspecified, IPv4-compatible, discard and others)";
    }

    /** One CIDR block. */
    private record Block(byte[] prefix, int bits, String name) {
        Block(String address, int bits, String name) {
            this(literal(address), bits, name);
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }

        private static byte[] literal(String address) {
            try {
                // A literal: parsed, never looked up. The mapped prefix must stay 16 bytes (Java would turn an
                // IPv4-mapped literal into an Inet4Address), hence the explicit form for it.
                if (address.equals("::ffff:0:0")) {
                    byte[] mapped = new byte[16];
                    mapped[10] = (byte) 0xff;
                    mapped[11] = (byte) 0xff;
                    return mapped;
                }
                return InetAddress.getByName(address).getAddress();
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(address, e);
            }
        }
    }
}
