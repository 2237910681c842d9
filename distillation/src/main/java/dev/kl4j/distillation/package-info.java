/**
 * KL-based knowledge distillation: losses ({@code .loss}), teacher and student models ({@code .model})
 * and a teacher-to-student training driver over DJL's {@code EasyTrain} ({@code .train}).
 */
package dev.kl4j.distillation;
