/** KL-based knowledge distillation: losses and teacher-to-student training. Placeholder until its issue lands. */
package dev.kl4j.distillation;
