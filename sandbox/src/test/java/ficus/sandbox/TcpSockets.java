package ficus.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets of a Linux process as the kernel lists them ({@code /proc/<pid>/net/tcp} and {@code tcp6}, in the
 * process's network namespace, matched to the process through the socket inodes of {@code /proc/<pid>/fd}).
 */
record TcpSockets(long pid, List<Socket> sockets) {

    /** One socket: its local and remote address, and whether it listens. */
    record Socket(InetAddress local, int localPort, InetAddress remote, int remotePort, boolean listening) {
        @Override
        public String toString() {
            return (listening ? "LISTEN " : "") + local.getHostAddress() + ":" + localPort + " -> "
                    + remote.getHostAddress() + ":" + remotePort;
        }
    }

    private static final String LISTEN = "0A";

    static boolean readable(long pid) {
        return Files.isReadable(Path.of("/proc", String.valueOf(pid), "net", "tcp"))
                && Files.isReadable(Path.of("/proc", String.valueOf(pid), "fd"));
    }

    static TcpSockets of(long pid) {
        Path proc = Path.of("/proc", String.valueOf(pid));
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // an fd closed while listing
                }
            }
            List<Socket> sockets = new ArrayList<>();
            for (String table : List.of("tcp", "tcp6")) {
                Path file = proc.resolve("net").resolve(table);
                if (!Files.exists(file)) {
                    continue;
                }
                for (String line : Files.readAllLines(file).stream().skip(1).toList()) {
                    String[] f = line.trim().split("\\s+");
                    if (inodes.contains(f[9])) {
                        String[] local = f[1].split(":");
                        String[] remote = f[2].split(":");
                        sockets.add(new Socket(address(local[0]), Integer.parseInt(local[1], 16), address(remote[0]),
                                Integer.parseInt(remote[1], 16), f[3].equals(LISTEN)));
                    }
                }
            }
            return new TcpSockets(pid, sockets);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the sockets of process " + pid, e);
        }
    }

    /** The sockets that are connected (not listening). */
    List<Socket> connected() {
        return sockets.stream().filter(s -> !s.listening()).toList();
    }

    List<Socket> listening() {
        return sockets.stream().filter(Socket::listening).toList();
    }

    /** The kernel prints an address as 32-bit words in host byte order (little endian here). */
    static InetAddress address(String hex) {
        byte[] raw = HexFormat.of().parseHex(hex);
        byte[] bytes = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                bytes[word + i] = raw[word + 3 - i];
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(hex, e);
        }
    }
}
