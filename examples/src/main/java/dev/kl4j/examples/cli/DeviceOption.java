package dev.kl4j.examples.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.kl4j.core.InvalidArgumentException;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --device cpu|gpu} for the training commands, as a picocli mixin: {@code @Mixin DeviceOption device;}
 * then {@code device.resolve()} gives the DJL {@link Device} to create the run's arrays on.
 *
 * <p>The default is the CPU, also on a machine with a GPU, so that a run repeats exactly what the README
 * reports. {@code gpu} needs a CUDA build of libtorch (see the README, "Training on a GPU"); asking for it
 * where libtorch sees no GPU fails with one line before any work.
 */
public final class DeviceOption {
    @Option(names = "--device", paramLabel = "cpu|gpu", defaultValue = "cpu",
            description = "Where to train: cpu (default) or gpu (the first CUDA GPU; needs a -Pcuda build).")
    String device;

    /**
     * {@return the device asked for}
     *
     * @throws InvalidArgumentException for an unknown name, or {@code gpu} where libtorch sees no GPU
     */
    public Device resolve() {
        String name = device.strip().toLowerCase(Locale.ROOT);
        switch (name) {
            case "cpu":
                return Device.cpu();
            case "gpu":
            case "cuda": {
                int gpus = Engine.getInstance().getGpuCount();
                if (gpus == 0) {
                    throw new InvalidArgumentException("device", "--device gpu: libtorch sees no CUDA GPU here (this"
                            + " build uses the CPU libtorch; on a machine with a GPU, build with"
                            + " KL4J_MAVEN_OPTS=-Pcuda and set PYTORCH_FLAVOR, see the README)");
                }
                return Device.gpu(0);
            }
            default:
                throw new InvalidArgumentException("device", "--device " + device + ": expected cpu or gpu");
        }
    }
}
