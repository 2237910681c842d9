/** The teacher CNN and student MLP of the image distillation experiment, as DJL blocks. */
package dev.kl4j.distillation.model;
