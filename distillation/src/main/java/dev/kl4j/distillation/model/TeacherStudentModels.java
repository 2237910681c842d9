package dev.kl4j.distillation.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import dev.kl4j.core.InvalidArgumentException;

/**
 * The two networks of the image experiment, as plain DJL blocks (so any DJL user can swap in their own).
 *
 * <ul>
 *   <li>Teacher: a small CNN for {@code [B, 1, H, W]} grey images: conv 5×5 with 32 filters (padding 2),
 *       ReLU, 2×2 max-pooling; conv 5×5 with 64 filters, ReLU, 2×2 max-pooling; a 256-unit dense layer
 *       with ReLU and dropout 0.5; a linear layer to the class logits. This is the classic
 *       "two conv layers + dense" MNIST network (as in TensorFlow's and PyTorch's tutorials).</li>
 *   <li>Student: an MLP, flatten → {@code hidden} units with ReLU → class logits.</li>
 * </ul>
 * Both output logits (no softmax); DJL's default initialisers (Xavier) apply, seeded through the engine.
 */
public final class TeacherStudentModels {
    /** Dropout rate of the teacher's dense layer. */
    public static final float TEACHER_DROPOUT = 0.5f;

    private TeacherStudentModels() {
    }

    /**
     * {@return the teacher CNN, input {@code [B, 1, H, W]} with H and W divisible by 4}
     *
     * @param classes number of classes
     */
    public static Block teacherCnn(int classes) {
        requirePositive("classes", classes);
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2)).setFilters(32).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2)).setFilters(64).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(256).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(TEACHER_DROPOUT).build())
                .add(Linear.builder().setUnits(classes).build());
    }

    /**
     * {@return the student MLP, input {@code [B, ...]} (flattened per example)}
     *
     * @param hidden  hidden units
     * @param classes number of classes
     */
    public static Block studentMlp(int hidden, int classes) {
        requirePositive("hidden", hidden);
        requirePositive("classes", classes);
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new InvalidArgumentException(name, name + " must be >= 1, got " + value);
        }
    }
}
