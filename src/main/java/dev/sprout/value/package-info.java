/**
 * Python values as sprout compares them: {@link dev.sprout.value.PyValue} with exact Python types,
 * {@link dev.sprout.value.TaggedJson} (the only form values take across the sandbox boundary),
 * {@link dev.sprout.value.PyEquality}, {@link dev.sprout.value.PyLiteral} and
 * {@link dev.sprout.value.Repr}. The bottom layer: it uses nothing of sprout's (ARCHITECTURE.md).
 */
package dev.sprout.value;
