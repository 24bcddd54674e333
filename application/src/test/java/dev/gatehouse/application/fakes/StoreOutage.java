package dev.gatehouse.application.fakes;

import dev.gatehouse.domain.error.StorageUnavailable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A database that can be switched off, for use-case tests of outages: {@link #around} puts a port of the in-memory
 * fakes behind a switch; while {@link #begin() down}, every call throws {@link StorageUnavailable}, as the jOOQ
 * adapters do when the database cannot be reached.
 */
public final class StoreOutage {
    private volatile boolean down;

    public void begin() {
        down = true;
    }

    public void end() {
        down = false;
    }

    public <T> T around(Class<T> port, T store) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(store, args);
            }
            if (down) {
                throw new StorageUnavailable();
            }
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
