package dev.sprout.grading;

import dev.sprout.sandbox.Limits;
import dev.sprout.spec.Case;

/** A case with where it sits and the limits it runs under. */
record CaseContext(Case testCase, int taskNumber, String taskName, Limits limits) {}
