package dev.gatehouse.bench.load.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Linux {@code /proc} readings: a process's resident memory, and CPU time of the machine, the server and
 * the load generator, so a result says how the two cores were shared during a measurement (the machine
 * is shared with builds: "other" shows when something else was running). Elsewhere than on Linux every
 * reading is absent (-1), never a failure.
 */
public final class ProcStats {
    private ProcStats() {
    }

    /** VmRSS of the process in KiB, from {@code /proc/<pid>/status}; -1 when unreadable. */
    public static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Total memory of the machine in MiB, from {@code /proc/meminfo}; -1 when unreadable. */
    public static long memTotalMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.substring(9).trim().split("\\s+")[0]) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The 1-minute load average; -1 when unreadable. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Waits (at most {@code maxWait}) until the machine has been nearly idle for 3 seconds: fewer than
     * {@code maxBusyCores} busy. Returns the busy cores of the last 3-second window (-1 when unknown).
     */
    public static double awaitQuiet(java.time.Duration maxWait, double maxBusyCores, int cpus) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        double busy = -1;
        for (int i = 0; i < 10_000; i++) {
            Probe probe = new Probe(ProcessHandle.current().pid(), null);
            CpuSample before = probe.take();
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return busy;
            }
            CoresUsed used = probe.take().since(before, cpus);
            if (used == null) {
                return -1;
            }
            busy = used.machineBusy();
            if (busy < maxBusyCores || System.nanoTime() - deadline > 0) {
                return busy;
            }
        }
        return busy;
    }

    /**
     * What to sample: the server process and, for a PostgreSQL run, the name of its database (backends
     * serving other databases, such as tests running meanwhile, count as "other"; PostgreSQL's shared
     * processes, such as the WAL writer, count as postgres). With several server processes on one database
     * ({@code otherServerPids}), "server" is all of them together.
     */
    public record Probe(long serverPid, String postgresDatabase, long... otherServerPids) {
        public CpuSample take() {
            return CpuSample.take(serverPid, postgresDatabase, otherServerPids);
        }
    }

    /** CPU times in clock ticks at one instant. */
    public record CpuSample(long machineTotal, long machineIdle, long softirq, long server, long serverSystem, long generator,
                     java.util.Map<Long, Long> postgres) {
        public static CpuSample take(long serverPid, String postgresDatabase, long... otherServerPids) {
            long total = -1;
            long idle = -1;
            long softirq = -1;
            try {
                List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
                String[] f = lines.getFirst().trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal ...
                total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    total += Long.parseLong(f[i]);
                }
                idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                softirq = Long.parseLong(f[6]) + Long.parseLong(f[7]); // irq, softirq
            } catch (IOException | RuntimeException e) {
                total = -1;
            }
            long[] server = processTicks(Long.toString(serverPid));
            for (long other : otherServerPids) {
                long[] ticks = processTicks(Long.toString(other));
                if (server[0] >= 0 && ticks[0] >= 0) {
                    server[0] += ticks[0];
                    server[1] += ticks[1];
                }
            }
            return new CpuSample(total, idle, softirq, server[0] + server[1], server[1], sum(processTicks("self")),
                    postgresTicks(postgresDatabase));
        }

        /**
         * Cores used on average between {@code earlier} and this sample by the server, the load generator
         * and everything else; null when /proc could not be read.
         */
        public CoresUsed since(CpuSample earlier, int cpus) {
            long elapsed = machineTotal - earlier.machineTotal;
            if (machineTotal < 0 || earlier.machineTotal < 0 || elapsed <= 0 || server < 0
                    || generator < 0 || earlier.generator < 0) {
                return null;
            }
            // A server unreadable at the earlier sample had not started yet: all its time is in the interval.
            long serverBefore = Math.max(0, earlier.server);
            long serverSystemBefore = Math.max(0, earlier.serverSystem);
            double busy = (elapsed - (machineIdle - earlier.machineIdle)) * (double) cpus / elapsed;
            double serverCores = (server - serverBefore) * (double) cpus / elapsed;
            double serverSystemCores = (serverSystem - serverSystemBefore) * (double) cpus / elapsed;
            double generatorCores = (generator - earlier.generator) * (double) cpus / elapsed;
            long postgresTicks = 0;
            for (var entry : postgres.entrySet()) {
                postgresTicks += entry.getValue() - earlier.postgres.getOrDefault(entry.getKey(), 0L);
            }
            double postgresCores = postgresTicks * (double) cpus / elapsed;
            double interruptCores = (softirq - earlier.softirq) * (double) cpus / elapsed;
            return new CoresUsed(serverCores, serverSystemCores, postgresCores, generatorCores, interruptCores,
                    Math.max(0, busy - serverCores - postgresCores - generatorCores - interruptCores), busy);
        }

        /** User and system CPU ticks of a process ({@code -1, -1} when unreadable). */
        private static long[] processTicks(String pid) {
            try {
                String stat = Files.readString(Path.of("/proc", pid, "stat"));
                // Fields after the command name (which may hold spaces) start after the last ')'.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])}; // utime, stime (fields 14 and 15)
            } catch (IOException | RuntimeException e) {
                return new long[] {-1, -1};
            }
        }

        /**
         * CPU ticks of PostgreSQL's processes (named "postgres") by pid: the shared ones, and the client
         * backends of {@code database} only (a backend's command line is
         * {@code postgres: <cluster>: <user> <database> <host>(<port>) <state>}).
         */
        private static java.util.Map<Long, Long> postgresTicks(String database) {
            java.util.Map<Long, Long> ticks = new java.util.HashMap<>();
            try (var dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
                int seen = 0;
                for (Path dir : dirs) {
                    if (++seen > 100_000) {
                        break;
                    }
                    try {
                        String stat = Files.readString(dir.resolve("stat"));
                        int open = stat.indexOf('(');
                        int close = stat.lastIndexOf(')');
                        if (open >= 0 && close > open && stat.substring(open + 1, close).equals("postgres")
                                && ours(Files.readString(dir.resolve("cmdline")), database)) {
                            long[] t = processTicks(dir.getFileName().toString());
                            if (t[0] >= 0) {
                                ticks.put(Long.parseLong(dir.getFileName().toString()), t[0] + t[1]);
                            }
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                }
            } catch (IOException | RuntimeException e) {
                return java.util.Map.of();
            }
            return ticks;
        }

        private static boolean ours(String cmdline, String database) {
            String[] parts = cmdline.replace('\u0000', ' ').trim().split("\\s+");
            boolean clientBackend = parts.length >= 5 && (parts[4].endsWith(")") || parts[4].equals("[local]"));
            return !clientBackend || parts[3].equals(database);
        }

        private static long sum(long[] ticks) {
            return ticks[0] < 0 || ticks[1] < 0 ? -1 : ticks[0] + ticks[1];
        }
    }

    /**
     * Average cores busy over an interval, by whom; {@code serverSystem} is the part of {@code server}
     * spent in the kernel (on loopback that is mostly the TCP stack); {@code postgres} is every process
     * named postgres (the database of a PostgreSQL run; an embedded H2 counts as part of the server);
     * {@code interrupts} is the machine's irq and softirq time, which no process is charged with: on
     * loopback the kernel's network receive path, up to a third of a core at 15,000 requests a second.
     * {@code other} is what is left: other processes, such as a build running meanwhile.
     */
    public record CoresUsed(double server, double serverSystem, double postgres, double loadGenerator, double interrupts,
                     double other, double machineBusy) {
    }
}
