package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.kl4j.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DeviceOptionTest {
    @CommandLine.Command(name = "t")
    static final class Cmd {
        @CommandLine.Mixin
        DeviceOption device;
    }

    private static DeviceOption parse(String... args) {
        Cmd cmd = new Cmd();
        new CommandLine(cmd).parseArgs(args);
        return cmd.device;
    }

    @Test
    void cpuIsTheDefault() {
        assertEquals(Device.cpu(), parse().resolve());
        assertEquals(Device.cpu(), parse("--device", "CPU").resolve());
    }

    @Test
    void gpuWithoutAGpuFailsWithOneLineNamingTheFlag() {
        if (Engine.getInstance().getGpuCount() > 0) {
            assertEquals(Device.gpu(0), parse("--device", "gpu").resolve());
            return;
        }
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> parse("--device", "gpu").resolve());
        assertEquals("device", e.argument());
        assertTrue(e.getMessage().startsWith("--device gpu: libtorch sees no CUDA GPU here"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void unknownNamesAreRefused() {
        assertEquals("--device tpu: expected cpu or gpu",
                assertThrows(InvalidArgumentException.class, () -> parse("--device", "tpu").resolve()).getMessage());
    }
}
