package dev.gatehouse.application.signingkeys;

import dev.gatehouse.application.signingkeys.port.in.SigningKeysUseCase;
import dev.gatehouse.application.signingkeys.port.out.SigningKeyManagement;
import dev.gatehouse.application.support.Settings;

/** Wires the signing keys feature: publishing the keys and rotating them by age. */
public final class SigningKeysFeature {
    private final SigningKeysService signingKeys;

    public SigningKeysFeature(SigningKeyManagement keys, Settings settings) {
        this.signingKeys = new SigningKeysService(keys, settings.keyRotationAge());
    }

    public SigningKeysUseCase signingKeys() {
        return signingKeys;
    }
}
