package dev.gatehouse.bench.load.scenario;

import dev.gatehouse.bench.load.runner.ClosedLoop;
import dev.gatehouse.bench.load.runner.Json;
import dev.gatehouse.bench.load.runner.LoadScenario;
import dev.gatehouse.bench.load.runner.LoadSession;
import dev.gatehouse.bench.load.runner.ProcStats;
import java.util.Map;

/**
 * A bcrypt-bound scenario (login, register): its reference is the throughput over the hash bound, hash
 * threads / one bcrypt operation timed in-process in the same run; also one request at a time over HTTP.
 */
abstract class HashBoundScenario extends LoadScenario {
    private final boolean verify;

    HashBoundScenario(String name, boolean verify) {
        super(name);
        this.verify = verify;
    }

    /** bcrypt-bound routes saturate 2 cores with a few requests in flight; more only queues. */
    @Override
    protected int defaultConcurrency() {
        return 8;
    }

    /** The i-th request sent one at a time (for the sequential median). */
    abstract byte[] sequentialRequest(LoadSession s, int i);

    /** The scenario's own phase. */
    abstract ClosedLoop.Result measure(LoadSession s);

    @Override
    protected final void drive(LoadSession s) {
        String operation = verify ? "verify" : "hash";
        ProcStats.CpuSample before = s.probe().take();
        Map<String, Object> hash = HashTiming.measureHash(s.harness().options().server().bcryptCost(), verify);
        double sequentialMillis = HashTiming.sequential(s, i -> sequentialRequest(s, i));
        ProcStats.CoresUsed during = s.probe().take().since(before, s.harness().cpus());
        if (during != null) {
            hash.put("otherCoresDuringHashAndSequentialRequests", Json.round(during.other()));
            s.noise(during.other());
        }
        hash.put(verify ? "sequentialLoginMedianMillis" : "sequentialRegisterMedianMillis", Json.round(sequentialMillis));
        s.log("bcrypt %s %.1f ms in-process (median of %d); one %s at a time over HTTP %.1f ms", operation,
                hash.get("medianMillis"), HashTiming.HASH_SAMPLES, name(), sequentialMillis);
        ClosedLoop.Result phase = s.add(measure(s));
        int threads = s.harness().hashThreads();
        double bound = threads * 1000.0 / HashTiming.medianMillis(hash);
        Map<String, Object> reference = s.reference();
        reference.put("kind", "ratio to the hash bound");
        reference.put("description", "throughput / (hash threads / one bcrypt " + (verify ? "verification" : "hash")
                + " time, measured in-process in the same run); 1.0 would mean every hash thread did"
                + " nothing but bcrypt");
        reference.put("cores", s.harness().cpus());
        reference.put("hashThreads", threads);
        reference.put("hash", hash);
        reference.put("boundPerSecond", Json.round(bound));
        reference.put("boundPerSecondFromSequentialRequests", Json.round(threads * 1000.0 / sequentialMillis));
        reference.put("ratio", Json.round(phase.okPerSecondMean() / bound));
    }
}
