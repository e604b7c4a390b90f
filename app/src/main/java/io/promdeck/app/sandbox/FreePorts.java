package io.promdeck.app.sandbox;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Picks loopback ports that are free now, never the same one twice in a JVM: a stack restarting a member on its old
 * port must find it still unclaimed. A port can still be taken by another program before the process binds it:
 * callers retry. With {@value #REGISTRY} set (the test JVMs set it) ports are also reserved across JVMs, by a lock
 * file per port held until the JVM exits, so two test JVMs never hand out the same port.
 */
public final class FreePorts {

    /** System property naming a folder of per-port lock files shared by cooperating JVMs. */
    public static final String REGISTRY = "promdeck.ports.registry";
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final List<FileLock> HELD = new CopyOnWriteArrayList<>();

    private FreePorts() {
    }

    public static int tcp() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = anyTcp();
            if (claim(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no unclaimed free TCP port on 127.0.0.1");
    }

    private static int anyTcp() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free TCP port on 127.0.0.1", e);
        }
    }

    /** A port free for both TCP and UDP (Alertmanager's gossip listens on both). */
    public static int tcpAndUdp() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = tcp();
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return port;
            } catch (IOException taken) {
                // UDP side in use: pick another.
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP on 127.0.0.1");
    }

    /** Whether this JVM may use the port: not handed out before, and not reserved by another cooperating JVM. */
    private static boolean claim(int port) {
        if (!HANDED_OUT.add(port)) {
            return false;
        }
        String registry = System.getProperty(REGISTRY);
        if (registry == null || registry.isBlank()) {
            return true;
        }
        try {
            Path dir = Files.createDirectories(Path.of(registry));
            FileChannel channel = FileChannel.open(dir.resolve(port + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return false;
            }
            HELD.add(lock);
            return true;
        } catch (IOException | OverlappingFileLockException e) {
            return false;
        }
    }
}
