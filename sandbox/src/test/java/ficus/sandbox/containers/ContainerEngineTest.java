package ficus.sandbox.containers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContainerEngineTest {

    @Test
    void shouldSayInOneLineWhatToDoWhenNoEngineCanBeFound() {
        assertThat(ContainerEngine.missingEngine(null, false, false)).contains("no container engine: DOCKER_HOST unset"
                + " and /var/run/docker.sock missing — run sandbox/containers/prepare (or start Docker)");
    }

    @Test
    void shouldFindAnEngineThroughDockerHostTheDefaultSocketOrTestcontainersSettings() {
        assertThat(ContainerEngine.missingEngine("unix:///run/podman.sock", false, false)).isEmpty();
        assertThat(ContainerEngine.missingEngine(null, true, false)).isEmpty();
        assertThat(ContainerEngine.missingEngine(null, false, true)).isEmpty();
    }

    @Test
    void shouldTakeOnlyLoopbackAsTheAddressOfPublishedPorts() {
        assertThat(ContainerEngine.isLoopback("localhost")).isTrue();
        assertThat(ContainerEngine.isLoopback("127.0.0.1")).isTrue();
        assertThat(ContainerEngine.isLoopback("10.88.0.1")).isFalse();
        assertThat(ContainerEngine.isLoopback("0.0.0.0")).isFalse();
    }
}
