package dev.gatehouse.domain.tenant;

import dev.gatehouse.domain.error.InvalidInput;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * One IP address or CIDR block ({@code 10.0.0.0/8}, {@code ::1}, {@code 2001:db8::/32}), parsed from a
 * literal only (never a host name, so parsing never touches DNS). {@link #toString()} is the canonical form.
 */
public record IpRange(byte[] network, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    public IpRange {
        network = network.clone();
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new InvalidInput("trustedProxies", "prefix length out of range");
        }
        // Zero the host bits so that equal blocks are equal values.
        for (int bit = prefixLength; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
    }

    public static IpRange parse(String text) {
        String field = "trustedProxies";
        String value = text == null ? "" : text.strip();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new InvalidInput(field, "each entry must be an IP address or a CIDR block such as 10.0.0.0/8");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            String digits = value.substring(slash + 1);
            if (!digits.matches("\\d{1,3}") || Integer.parseInt(digits) > bytes.length * 8) {
                throw new InvalidInput(field, "CIDR prefix must be 0 to " + bytes.length * 8);
            }
            prefix = Integer.parseInt(digits);
        }
        return new IpRange(bytes, prefix);
    }

    /** True when {@code address} (an IP literal) lies in this range; false for anything unparsable. */
    public boolean contains(String address) {
        byte[] other = literal(address == null ? "" : address.strip());
        if (other == null || other.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((other[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange other && prefixLength == other.prefixLength
                && java.util.Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            String host = InetAddress.getByAddress(network).getHostAddress();
            return prefixLength == network.length * 8 ? host : host + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] literal(String address) {
        if (address.isEmpty() || address.length() > 45) {
            return null;
        }
        var v4 = IPV4.matcher(address);
        if (v4.matches()) {
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return null;
                }
                out[i] = (byte) octet;
            }
            return out;
        }
        if (IPV6.matcher(address).matches()) {
            try {
                // Only hex digits, ':' and '.': InetAddress parses it as a literal, never via DNS.
                byte[] out = InetAddress.getByName(address).getAddress();
                return out;
            } catch (UnknownHostException | SecurityException e) {
                return null;
            }
        }
        return null;
    }
}
