package dev.kl4j.distillation.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import dev.kl4j.distillation.loss.DistillationLosses;
import dev.kl4j.distillation.text.TextDistillationTrainer.Objective;
import dev.kl4j.distillation.text.TextDistillationTrainer.RunResult;
import dev.kl4j.distillation.text.TextDistillationTrainer.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Short seeded runs on a tiny generated text: sentences of a small grammar, variable length. */
class TextDistillationTrainerTest {
    private static final String[] SUBJECTS = {"a cat", "the dog", "my hen"};
    private static final String[] VERBS = {"sees", "eats", "hides"};
    private static final String[] OBJECTS = {"a bone.", "the hat.", "it.", "my old red cup."};

    private static CharVocabulary vocabulary;
    private static List<int[]> train;
    private static List<int[]> heldOut;
    private static Model teacher;

    @BeforeAll
    static void trainTeacher() {
        List<String> text = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 160; i++) {
            text.add(SUBJECTS[random.nextInt(3)] + " " + VERBS[random.nextInt(3)] + " " + OBJECTS[random.nextInt(4)]);
        }
        vocabulary = CharVocabulary.of(text);
        List<int[]> encoded = text.stream().map(vocabulary::encode).toList();
        train = encoded.subList(0, 128);
        heldOut = encoded.subList(128, 160);
        teacher = Model.newInstance("teacher");
        teacher.setBlock(CharLanguageModel.lstm(vocabulary.size(), 48, 1));
        RunResult result = TextDistillationTrainer.train(teacher, null, Objective.dataOnly(), train, heldOut,
                new Settings(12, 16, 32, 1e-2f, 1), null);
        assertTrue(result.last().heldOutBpc() < 0.6 * result.startBpc(), "teacher learns: " + result);
    }

    @Test
    void distilledStudentImprovesOnItsStart() {
        try (Model student = Model.newInstance("student")) {
            student.setBlock(CharLanguageModel.lstm(vocabulary.size(), 12, 1));
            RunResult result = TextDistillationTrainer.train(student, teacher,
                    Objective.offPolicy(DistillationLosses.forwardKl(), 0.5f), train, heldOut, new Settings(3, 16, 32, 1e-2f, 2), null);
            assertEquals(Math.log(vocabulary.size()) / Math.log(2), result.startBpc(), 0.5, "starts near uniform");
            assertTrue(result.last().heldOutBpc() < result.startBpc() - 0.5, result.toString());
        }
    }

    @Test
    void onPolicySamplingIsRepeatableForASeed() {
        NDManager manager = teacher.getNDManager();
        List<int[]> first = TextDistillationTrainer.sample(teacher.getBlock(), manager, 6, 32, new SplittableRandom(7));
        List<int[]> again = TextDistillationTrainer.sample(teacher.getBlock(), manager, 6, 32, new SplittableRandom(7));
        List<int[]> other = TextDistillationTrainer.sample(teacher.getBlock(), manager, 6, 32, new SplittableRandom(8));
        assertEquals(strings(first), strings(again));
        assertNotEquals(strings(first), strings(other));
        for (int[] record : first) {
            assertTrue(record.length <= 31);
        }
    }

    @Test
    void onPolicyRunIsRepeatableForASeed() {
        double[] bpc = new double[2];
        for (int run = 0; run < 2; run++) {
            try (Model student = Model.newInstance("student")) {
                student.setBlock(CharLanguageModel.lstm(vocabulary.size(), 8, 1));
                bpc[run] = TextDistillationTrainer.train(student, teacher,
                        Objective.onPolicy(DistillationLosses.generalizedJsd(), 0.5f, 0.5f), train.subList(0, 64), heldOut,
                        new Settings(1, 16, 32, 1e-2f, 3), null).last().heldOutBpc();
            }
        }
        assertEquals(bpc[0], bpc[1], 0.0);
    }

    private static List<String> strings(List<int[]> records) {
        return records.stream().map(vocabulary::decode).toList();
    }
}
