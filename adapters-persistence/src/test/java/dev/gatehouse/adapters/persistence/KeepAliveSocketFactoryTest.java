package dev.gatehouse.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.SocketFactory;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

class KeepAliveSocketFactoryTest {

    @Test
    void theDriverIsToldToMakeItsSocketsThroughTheFactoryWhichItCanInstantiate() throws Exception {
        String name = ConnectionPool.POSTGRES_DRIVER_SETTINGS.get("socketFactory");
        assertThat(name).isEqualTo(KeepAliveSocketFactory.class.getName());
        assertThat(Class.forName(name).getConstructor().newInstance()).isInstanceOf(SocketFactory.class);
        assertThat(ConnectionPool.POSTGRES_DRIVER_SETTINGS).containsEntry("tcpKeepAlive", "true");
    }

    @Test
    void socketsProbeAfterTwoSecondsOfSilenceEverySecondAndGiveUpAfterThree() throws Exception {
        KeepAliveSocketFactory factory = new KeepAliveSocketFactory();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket unconnected = factory.createSocket();
             Socket connected = factory.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            for (Socket socket : new Socket[] {unconnected, connected}) {
                assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(2);
                assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)).isEqualTo(1);
                assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(3);
            }
            assertThat(connected.isConnected()).isTrue();
            assertThat(accepted.getPort()).isEqualTo(connected.getLocalPort());
        }
    }
}
