package dev.sprout.spec;

import java.util.List;

/**
 * A group of cases the learner works through together (Exercism's task).
 *
 * @param number 1-based position, reported as {@code task_id}
 */
public record Task(int number, String name, List<Case> cases) {

    public Task {
        cases = List.copyOf(cases);
    }
}
