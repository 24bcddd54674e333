package dev.gatehouse.adapters.crypto.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundAddressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.254", "127.0.0.1",
            "127.1.2.3", "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.8", "192.0.0.170",
            "192.0.2.1", "192.88.99.1", "192.168.1.1", "198.18.0.1", "198.19.255.255", "198.51.100.7",
            "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1", "250.1.2.3", "255.255.255.255"})
    void refusesEverySpecialPurposeIpv4Range(String address) throws UnknownHostException {
        assertThat(OutboundAddressPolicy.refusal(InetAddress.getByName(address))).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "::127.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b::808:808",
            "64:ff9b:1::1", "100::1", "2001::1", "2001:0:4136:e378::1", "2001:2::1", "2001:10::1", "2001:db8::1",
            "2001:db8:ffff::1", "3fff::1", "5f00::1", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "fec0::1",
            "ff02::1", "ff0e::1", "2002:7f00:1::1", "2002:a9fe:a9fe::1", "2002:c0a8:101::1"})
    void refusesEverySpecialPurposeIpv6RangeAnd6to4OfAPrivateAddress(String address) throws UnknownHostException {
        assertThat(OutboundAddressPolicy.refusal(InetAddress.getByName(address))).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "93.184.216.34", "100.63.255.255", "100.128.0.1", "172.15.255.255",
            "172.32.0.1", "192.0.1.1", "192.169.0.1", "198.17.255.255",
            "198.20.0.1", "203.0.114.1", "223.255.255.254",
            "2606:4700:4700::1111", "2a00:1450:4001::200e", "2001:200::1", "2002:808:808::1", "2400:cb00::1"})
    void allowsPublicUnicastAddresses(String address) throws UnknownHostException {
        assertThat(OutboundAddressPolicy.refusal(InetAddress.getByName(address))).as(address).isEmpty();
    }

    /** Java turns a mapped literal into an IPv4 address; one built from 16 bytes stays IPv6 and is judged as IPv4. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "169.254.169.254", "10.0.0.1", "198.18.0.1", "240.0.0.1"})
    void judgesAnIpv4MappedAddressByItsIpv4Address(String ipv4) throws UnknownHostException {
        byte[] v4 = InetAddress.getByName(ipv4).getAddress();
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(v4, 0, mapped, 12, 4);

        assertThat(OutboundAddressPolicy.refusal(InetAddress.getByName("::ffff:" + ipv4))).isPresent();
        assertThat(OutboundAddressPolicy.refusal(Inet6Address.getByAddress(null, mapped, -1))).get().asString()
                .startsWith("IPv4-mapped");
        System.arraycopy(InetAddress.getByName("8.8.8.8").getAddress(), 0, mapped, 12, 4);
        assertThat(OutboundAddressPolicy.refusal(Inet6Address.getByAddress(null, mapped, -1))).isEmpty();
    }
}
