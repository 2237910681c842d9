package dev.kl4j.distillation.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The meter's epoch mean equals the mean of the loss evaluated a second time from each batch's labels
 * and predictions (the slow way, recorded independently by a listener), whether the loss is wrapped (the
 * value is read from the step) or not (the meter falls back to evaluating it), and a value computed by
 * another listener is not counted as a batch.
 */
class TrainingLossMeterTest {

    /** Records each batch's loss by evaluating it again, after the meter, and counts the batches. */
    private static final class Reevaluating extends TrainingListenerAdapter {
        final List<Double> values = new ArrayList<>();

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            batchData.getLabels().forEach((device, labels) -> {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray value = trainer.getLoss().evaluate(labels, batchData.getPredictions().get(device));
                    values.add(value.toType(DataType.FLOAT64, false).getDouble());
                }
            });
        }

        double mean() {
            return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }

    private static double[] epoch(boolean wrapped) throws Exception {
        TrainingLossMeter meter = new TrainingLossMeter();
        Reevaluating check = new Reevaluating();
        Loss loss = Loss.softmaxCrossEntropyLoss();
        try (Model model = Model.newInstance("linear"); NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(Linear.builder().setUnits(3).build());
            Engine.getInstance().setRandomSeed(5);
            DefaultTrainingConfig config = new DefaultTrainingConfig(wrapped ? meter.metered(loss) : loss)
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build())
                    .addTrainingListeners(meter, check);
            try (Trainer trainer = model.newTrainer(config)) {
                NDArray x = manager.randomNormal(new Shape(50, 4));
                NDArray y = manager.randomInteger(0, 3, new Shape(50), DataType.INT32).toType(DataType.FLOAT32, false);
                ArrayDataset data = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(16, true).build();
                trainer.initialize(new Shape(16, 4));
                meter.reset();
                EasyTrain.fit(trainer, 1, data, null);
            }
        }
        return new double[] {meter.mean(), check.mean(), check.values.size()};
    }

    @Test
    void wrappedLossGivesTheMeanOfTheStepValues() throws Exception {
        double[] r = epoch(true);
        assertEquals(4, r[2], "4 batches of 50 examples by 16");
        assertEquals(r[1], r[0], 1e-7 * Math.abs(r[1]));
        assertTrue(r[0] > 0.1, "a cross-entropy over 3 classes at initialisation is about ln 3");
    }

    @Test
    void unwrappedLossFallsBackToEvaluatingIt() throws Exception {
        double[] wrapped = epoch(true);
        double[] plain = epoch(false);
        assertEquals(plain[1], plain[0], 1e-7 * Math.abs(plain[1]));
        assertEquals(wrapped[0], plain[0], 1e-7 * Math.abs(plain[0]), "same seed, same training");
    }

    @Test
    void meteredValueIsTheLossValue() {
        TrainingLossMeter meter = new TrainingLossMeter();
        Loss loss = Loss.softmaxCrossEntropyLoss();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList predictions = new NDList(manager.create(new float[] {1f, 2f, 0.5f, -1f, 0f, 3f}, new Shape(2, 3)));
            NDList labels = new NDList(manager.create(new float[] {1f, 2f}));
            float expected = loss.evaluate(labels, predictions).getFloat();
            // −ln softmax: row 1 picks 2 of (1, 2, 0.5), row 2 picks 3 of (−1, 0, 3); their mean.
            double byHand = (-(2 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(0.5)))
                    - (3 - Math.log(Math.exp(-1) + Math.exp(0) + Math.exp(3)))) / 2;
            assertEquals(byHand, expected, 1e-6);
            assertEquals(expected, meter.metered(loss).evaluate(labels, predictions).getFloat(), 0f);
            assertEquals(loss.getName(), meter.metered(loss).getName());
        }
    }
}
