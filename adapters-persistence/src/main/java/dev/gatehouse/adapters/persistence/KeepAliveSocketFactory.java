package dev.gatehouse.adapters.persistence;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import jdk.net.ExtendedSocketOptions;

/**
 * The PostgreSQL driver's sockets, with TCP keepalive probing that finds a vanished database host within seconds:
 * after {@value #IDLE_SECONDS} s without traffic, a probe every {@value #INTERVAL_SECONDS} s, the connection
 * dropped after {@value #COUNT} unanswered ones. The operating system's defaults (two hours of idleness first) would
 * leave a statement waiting for its answer on a silent link until the driver's {@code socketTimeout} (30 s). A
 * database that is only slow (a statement waiting on a row lock) still answers the probes from its kernel, so
 * nothing legitimate is cut short. The driver switches keepalive on ({@code tcpKeepAlive=true}) and makes its
 * sockets through this class ({@code socketFactory}); ADR 0030. Where the platform lacks these options the socket
 * keeps the system's keepalive timing.
 */
public final class KeepAliveSocketFactory extends SocketFactory {
    static final int IDLE_SECONDS = 2;
    static final int INTERVAL_SECONDS = 1;
    static final int COUNT = 3;

    /** The driver makes its factory by this constructor. */
    public KeepAliveSocketFactory() {
    }

    @Override
    public Socket createSocket() {
        Socket socket = new Socket();
        try {
            socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, IDLE_SECONDS);
            socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, INTERVAL_SECONDS);
            socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, COUNT);
        } catch (UnsupportedOperationException | IOException platformWithout) {
            // the system's keepalive timing, and the driver's socket timeout, still apply
        }
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
