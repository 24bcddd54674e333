package dev.gatehouse.bench;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How the JMH benchmarks here measure, unless one says otherwise: the average time of an operation over three
 * warm-up and five measured iterations of two seconds, in one fork, with one state per benchmark. JMH reads these
 * annotations from the superclass; a benchmark gives its own {@code @OutputTimeUnit}, and overrides an annotation
 * by declaring it (the nearest one counts).
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public abstract class AverageTimeBenchmark {
}
