package dev.gatehouse.bootstrap;

import dev.gatehouse.application.port.out.CommonPasswordList;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The common-password list, read on a background thread while the server starts (reading and sorting
 * 100,000 entries took 200-300 ms of the start-up path); the first password check waits for it if it
 * comes earlier.
 */
final class BackgroundCommonPasswords implements CommonPasswordList {
    private final CompletableFuture<CommonPasswordList> list = new CompletableFuture<>();

    BackgroundCommonPasswords(Supplier<? extends CommonPasswordList> loader) {
        CompletableFuture<CommonPasswordList> target = list;
        Thread.ofPlatform().daemon().name("common-passwords-load").start(() -> {
            try {
                target.complete(loader.get());
            } catch (RuntimeException | Error e) {
                target.completeExceptionally(e);
            }
        });
    }

    @Override
    public boolean contains(String password) {
        return list.join().contains(password);
    }

    @Override
    public int size() {
        return list.join().size();
    }
}
