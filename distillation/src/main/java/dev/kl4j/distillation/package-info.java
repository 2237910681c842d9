/**
 * KL-based knowledge distillation: losses ({@code .loss}), teacher and student models ({@code .model})
 * and a teacher-to-student training driver over DJL's {@code EasyTrain} ({@code .train}); character-level
 * language models distilled on padded sequences, off- and on-policy ({@code .text}).
 */
package dev.kl4j.distillation;
