/**
 * Experiment 2 of the distillation module: character-level language models on variable-length text, the
 * {@code [B, T, V]} path that LLM distillation uses.
 *
 * <ul>
 *   <li>{@link dev.kl4j.distillation.text.FortuneCorpus}: records of Debian's {@code fortunes} files (separated by
 *       lines holding {@code %});</li>
 *   <li>{@link dev.kl4j.distillation.text.CharVocabulary}: characters ↔ indices, index 0 the record boundary;</li>
 *   <li>{@link dev.kl4j.distillation.text.PaddedBatch}: padded batches with a mask over B×T;</li>
 *   <li>{@link dev.kl4j.distillation.text.CharLanguageModel}: an LSTM language model as a DJL block (teacher and
 *       student differ in size);</li>
 *   <li>{@link dev.kl4j.distillation.text.TextDistillationTrainer}: the teacher on the data, the student on the data
 *       alone or with a divergence to the teacher, off-policy (data) or on-policy (GKD: student samples scored by
 *       the teacher), and held-out bits per character.</li>
 * </ul>
 */
package dev.kl4j.distillation.text;
