package dev.kl4j.distillation.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.data.ImageSet;
import dev.kl4j.distillation.loss.DistillationLoss;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Teacher → student training with DJL's own {@link Trainer} and {@link EasyTrain#fit}, the way a DJL user
 * would use the distillation losses:
 * <ol>
 *   <li>{@link #trainTeacher}: the teacher on hard labels with softmax cross-entropy;</li>
 *   <li>{@link #logits}: the teacher's logits for every training image, computed <em>once</em> (callers
 *       cache them next to the teacher's checkpoint), so that a distillation epoch costs about what a
 *       plain cross-entropy epoch costs;</li>
 *   <li>{@link #trainStudent}: the student on an {@link ArrayDataset} whose labels are
 *       {@code [hard labels, cached teacher logits]}, with any {@link DistillationLoss} as the
 *       {@code Trainer}'s loss.</li>
 * </ol>
 * Images enter as {@code [B, 1, H, W]} float32 in [0, 1]. Adam with a fixed learning rate. One seed sets
 * the engine's random state (initialisation, dropout, DJL's batch shuffling) before each run. After each
 * epoch the test accuracy (and, for students, the agreement with the teacher's test predictions) is
 * measured in inference mode. The epoch's training loss is the mean of the values the training steps
 * computed ({@link TrainingLossMeter}), so the loss is evaluated once per batch, not twice.
 */
public final class TeacherStudentTrainer {
    private static final int EVAL_BATCH = 1000;

    private TeacherStudentTrainer() {
    }

    /**
     * Trains {@code teacher} on hard labels with DJL's softmax cross-entropy.
     *
     * @param teacher   the model (its block set, parameters not yet initialised)
     * @param train     training images
     * @param test      test images
     * @param settings  epochs, batch size, learning rate, seed
     * @param listeners extra DJL listeners (e.g. a progress bar); may be empty
     * @return metrics per epoch and the teacher's test predictions
     */
    public static RunResult trainTeacher(Model teacher, ImageSet train, ImageSet test, TrainSettings settings,
            List<TrainingListener> listeners) {
        return train(teacher, Loss.softmaxCrossEntropyLoss(), train, null, test, null, settings, listeners);
    }

    /**
     * Trains {@code student} with a distillation loss against cached teacher logits.
     *
     * @param student                the model (block set, parameters not yet initialised)
     * @param loss                   the distillation loss (labels: hard labels, teacher logits)
     * @param train                  training images
     * @param teacherTrainLogits     the teacher's logits for {@code train}, {@code [N × C]} row-major
     * @param test                   test images
     * @param teacherTestPredictions the teacher's class for every test image (for the agreement)
     * @param settings               epochs, batch size, learning rate, seed
     * @param listeners              extra DJL listeners; may be empty
     * @return metrics per epoch and the student's test predictions
     */
    public static RunResult trainStudent(Model student, DistillationLoss loss, ImageSet train, float[] teacherTrainLogits,
            ImageSet test, int[] teacherTestPredictions, TrainSettings settings, List<TrainingListener> listeners) {
        if (teacherTrainLogits == null || train.count() == 0 || teacherTrainLogits.length % train.count() != 0) {
            throw new InvalidArgumentException("teacherTrainLogits", "teacherTrainLogits must hold C logits for each of the "
                    + train.count() + " training images, got " + (teacherTrainLogits == null ? "none" : teacherTrainLogits.length));
        }
        if (teacherTestPredictions == null || teacherTestPredictions.length != test.count()) {
            throw new InvalidArgumentException("teacherTestPredictions", "teacherTestPredictions must hold one class per test image ("
                    + test.count() + "), got " + (teacherTestPredictions == null ? "none" : teacherTestPredictions.length));
        }
        return train(student, loss, train, teacherTrainLogits, test, teacherTestPredictions, settings, listeners);
    }

    private static RunResult train(Model model, Loss loss, ImageSet train, float[] teacherLogits, ImageSet test,
            int[] teacherTestPredictions, TrainSettings settings, List<TrainingListener> listeners) {
        Engine.getInstance().setRandomSeed((int) settings.seed());
        // The training loss per epoch comes from the value each step computes (no second evaluation).
        TrainingLossMeter meter = new TrainingLossMeter();
        DefaultTrainingConfig config = new DefaultTrainingConfig(meter.metered(loss))
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(settings.learningRate())).build())
                .addTrainingListeners(meter);
        listeners.forEach(config::addTrainingListeners);
        List<EpochMetrics> epochs = new ArrayList<>();
        int[] predictions;
        try (NDManager data = NDManager.newBaseManager();
                Trainer trainer = model.newTrainer(config)) {
            NDArray images = images(data, train);
            NDArray labels = data.create(toFloats(train.labels()));
            ArrayDataset.Builder builder = new ArrayDataset.Builder().setData(images)
                    .setSampling(settings.batchSize(), true);
            if (teacherLogits != null) {
                long classes = teacherLogits.length / train.count();
                builder.optLabels(labels, data.create(teacherLogits, new Shape(train.count(), classes)).duplicate());
            } else {
                builder.optLabels(labels);
            }
            ArrayDataset dataset = builder.build();
            trainer.initialize(new Shape(settings.batchSize(), 1, train.rows(), train.cols()));
            NDArray testImages = images(data, test);
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                meter.reset();
                long start = System.nanoTime();
                EasyTrain.fit(trainer, 1, dataset, null);
                double seconds = (System.nanoTime() - start) / 1e9;
                predictions = predict(trainer, testImages);
                double accuracy = fraction(predictions, test.labels());
                double agreement = teacherTestPredictions == null ? Double.NaN : fraction(predictions, teacherTestPredictions);
                epochs.add(new EpochMetrics(epoch, meter.mean(), accuracy, agreement, seconds));
            }
            predictions = predict(trainer, testImages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TranslateException e) {
            throw new IllegalStateException("DJL could not batch the training data: " + e.getMessage(), e);
        }
        return new RunResult(List.copyOf(epochs), predictions);
    }

    /**
     * The model's logits for every image, in inference mode (dropout off).
     *
     * @param model  a trained model
     * @param images images
     * @return {@code [N × C]} logits, row-major
     */
    public static float[] logits(Model model, ImageSet images) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            NDArray all = images(manager, images);
            List<float[]> parts = new ArrayList<>();
            int total = 0;
            for (long start = 0; start < images.count(); start += EVAL_BATCH) {
                try (NDScope step = new NDScope()) {
                    step.suppressNotUsedWarning();
                    NDArray batch = all.get("{}:{}", start, Math.min(images.count(), start + EVAL_BATCH));
                    float[] part = model.getBlock().forward(parameters, new NDList(batch), false).head().toFloatArray();
                    parts.add(part);
                    total += part.length;
                }
            }
            float[] out = new float[total];
            int offset = 0;
            for (float[] part : parts) {
                System.arraycopy(part, 0, out, offset, part.length);
                offset += part.length;
            }
            return out;
        }
    }

    /**
     * {@return argmax per row (the first maximum on ties)}
     *
     * @param logits {@code [N × C]} row-major
     * @param classes C
     */
    public static int[] argmax(float[] logits, int classes) {
        int[] out = new int[logits.length / classes];
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[i * classes + c] > logits[i * classes + best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    private static int[] predict(Trainer trainer, NDArray images) {
        long count = images.getShape().get(0);
        int[] out = new int[(int) count];
        for (long start = 0; start < count; start += EVAL_BATCH) {
            try (NDScope step = new NDScope()) {
                step.suppressNotUsedWarning();
                NDArray batch = images.get("{}:{}", start, Math.min(count, start + EVAL_BATCH));
                NDArray logits = trainer.evaluate(new NDList(batch)).head();
                long[] classes = logits.argMax(1).toType(DataType.INT64, false).toLongArray();
                for (int i = 0; i < classes.length; i++) {
                    out[(int) start + i] = (int) classes[i];
                }
            }
        }
        return out;
    }

    private static NDArray images(NDManager manager, ImageSet set) {
        // create(float[]) may wrap a buffer; duplicate() gives the engine its own copy.
        NDArray wrapped = manager.create(set.pixels(), new Shape(set.count(), 1, set.rows(), set.cols()));
        NDArray owned = wrapped.duplicate();
        wrapped.close();
        return owned;
    }

    private static float[] toFloats(int[] labels) {
        float[] out = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i];
        }
        return out;
    }

    private static double fraction(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return a.length == 0 ? Double.NaN : (double) same / a.length;
    }
}
