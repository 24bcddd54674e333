package dev.gatehouse.bench.load.scenario;

import dev.gatehouse.bench.load.runner.LoadOptions;
import dev.gatehouse.bench.load.runner.Scenario;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every scenario of bench/run.sh by its name (the names of {@link LoadOptions#SCENARIOS}). */
public final class Scenarios {
    private static final Map<String, Scenario> BY_NAME = List.of(new BareScenario(), new MeScenario(),
                    new LoginScenario(), new RegisterScenario(), new RefreshScenario(), new MixedScenario(),
                    new LoginFloodScenario(), new StartupScenario(), new MfaVerifyScenario(), new ImportScenario(),
                    new SoakScenario(), new NodesScenario())
            .stream().collect(Collectors.toUnmodifiableMap(Scenario::name, Function.identity()));

    private Scenarios() {
    }

    /** The scenario named {@code name}; IllegalArgumentException when there is none. */
    public static Scenario named(String name) {
        Scenario scenario = BY_NAME.get(name);
        if (scenario == null) {
            throw new IllegalArgumentException("unknown scenario " + name);
        }
        return scenario;
    }
}
