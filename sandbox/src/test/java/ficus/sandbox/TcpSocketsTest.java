package ficus.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TcpSocketsTest {

    @Test
    void shouldReadTheKernelsLittleEndianAddresses() {
        assertThat(TcpSockets.address("0100007F").getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(TcpSockets.address("0158000A").getHostAddress()).isEqualTo("10.0.88.1");
        assertThat(TcpSockets.address("00000000000000000000000001000000").isLoopbackAddress()).isTrue(); // ::1
        // an IPv4 address mapped into IPv6 (::ffff:127.0.0.1), as a dual-stack socket shows it
        assertThat(TcpSockets.address("0000000000000000FFFF00000100007F").getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(TcpSockets.address("0000000000000000FFFF00000158000A").isLoopbackAddress()).isFalse();
    }
}
