package dev.gatehouse.adapters.http;

/**
 * The routes of one feature: each controller registers its own paths, so adding a route touches the feature's
 * controller only. The composition root hands {@link HttpApi#create} the controllers of the features it serves.
 */
public interface Endpoints {
    void register(Routes routes);
}
