/**
 * Teacher → student training through DJL's {@code Trainer} and {@code EasyTrain.fit}, with cached teacher
 * logits as extra labels; returns plain records (metrics per epoch, predictions) for callers to write.
 */
package dev.kl4j.distillation.train;
