package dev.kl4j.distillation.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The mean training loss of an epoch under {@code EasyTrain.fit}, read from the value the training step
 * computes anyway instead of evaluating the loss a second time.
 *
 * <p>{@code EasyTrain.trainBatch} evaluates the loss, backpropagates it and then hands the listeners only
 * the labels and predictions ({@code BatchData}), not the value. A listener that wants the training loss
 * must therefore evaluate it again, and DJL's own {@code EvaluatorTrainingListener} (part of
 * {@code TrainingListener.Defaults}) does exactly that for every batch. For a distillation loss that is a
 * second forward pass through tens of small operations per batch. This meter instead wraps the loss
 * ({@link #metered(Loss)}): the wrapper returns the wrapped loss's value unchanged and remembers it; the
 * meter, registered as a listener, adds the values of each training batch to the epoch's sum. Training is
 * unchanged (same value, same graph, same gradient); only the second evaluation is gone.
 *
 * <pre>{@code
 *   TrainingLossMeter meter = new TrainingLossMeter();
 *   TrainingConfig config = new DefaultTrainingConfig(meter.metered(loss)).addTrainingListeners(meter);
 *   ...
 *   meter.reset(); EasyTrain.fit(trainer, 1, dataset, null); double meanLoss = meter.mean();
 * }</pre>
 * The mean is over the loss values of the epoch's batches (one per device split), each read as float64.
 */
public final class TrainingLossMeter extends TrainingListenerAdapter {
    /** Loss values computed since the last training batch, by the predictions they were computed from. */
    private final Map<NDArray, Double> recorded = new IdentityHashMap<>();
    private double sum;
    private long batches;

    /** {@return the loss wrapped so that each value it computes is remembered for this meter}
     *
     * @param loss the training loss
     */
    public Loss metered(Loss loss) {
        if (loss == null) {
            throw new dev.kl4j.core.InvalidArgumentException("loss", "loss is missing");
        }
        return new MeteredLoss(loss, this);
    }

    /** Starts a new epoch: forgets the values seen so far. */
    public void reset() {
        sum = 0;
        batches = 0;
        recorded.clear();
    }

    /** {@return the mean of the training batches' loss values since the last {@link #reset()}, NaN if none} */
    public double mean() {
        return batches == 0 ? Double.NaN : sum / batches;
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        // One value per device split; the training step computed it from these very predictions. A value
        // computed elsewhere (another listener, validation) is keyed by other arrays and is ignored.
        batchData.getLabels().forEach((device, labels) -> {
            NDList predictions = batchData.getPredictions().get(device);
            Double value = recorded.get(predictions.head());
            if (value == null) {
                // The trainer's loss was not wrapped by this meter: evaluate it (the slow way).
                try (NDScope step = new NDScope()) {
                    step.suppressNotUsedWarning();
                    value = toDouble(trainer.getLoss().evaluate(labels, predictions));
                }
            }
            sum += value;
            batches++;
        });
        recorded.clear();
    }

    private void record(NDList predictions, NDArray value) {
        recorded.put(predictions.head(), toDouble(value));
    }

    /** Reads a scalar; float32 widens to float64 exactly, and reading adds nothing to the autograd graph. */
    private static double toDouble(NDArray value) {
        return value.getDataType() == DataType.FLOAT32 ? value.getFloat()
                : value.toType(DataType.FLOAT64, false).getDouble();
    }

    /** The wrapped loss: same name, same value; each value is recorded. */
    private static final class MeteredLoss extends Loss {
        private final Loss loss;
        private final TrainingLossMeter meter;

        MeteredLoss(Loss loss, TrainingLossMeter meter) {
            super(loss.getName());
            this.loss = loss;
            this.meter = meter;
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray value = loss.evaluate(labels, predictions);
            meter.record(predictions, value);
            return value;
        }
    }
}
