package dev.gatehouse.adapters.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.password4j.Argon2Function;
import com.password4j.BcryptFunction;
import com.password4j.types.Argon2;
import com.password4j.types.Bcrypt;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.PasswordHash;
import org.junit.jupiter.api.Test;

class BcryptPasswordHasherTest {
    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(4);
    private final Password password = new Password("correct horse battery");

    @Test
    void verifiesItsOwnHashAndRefusesOtherPasswords() {
        PasswordHash hash = hasher.hash(password);

        assertThat(hash.encoded()).startsWith("$2b$04$");
        assertThat(hasher.verify(password, hash)).isTrue();
        assertThat(hasher.verify(new Password("correct horse battery!"), hash)).isFalse();
        assertThat(hasher.hash(password)).isNotEqualTo(hash); // salted
    }

    @Test
    void verifiesImportedBcryptVariantsAndArgon2AndAsksToRehashThem() {
        PasswordHash bcrypt2a = new PasswordHash(BcryptFunction.getInstance(Bcrypt.A, 5).hash(password.value()).getResult());
        PasswordHash bcrypt2y = new PasswordHash(BcryptFunction.getInstance(Bcrypt.Y, 4).hash(password.value()).getResult());
        PasswordHash argon2 = new PasswordHash(
                Argon2Function.getInstance(1024, 1, 1, 32, Argon2.ID).hash(password.value()).getResult());

        for (PasswordHash imported : new PasswordHash[] {bcrypt2a, bcrypt2y, argon2}) {
            assertThat(hasher.verify(password, imported)).as(imported.encoded()).isTrue();
            assertThat(hasher.verify(new Password("wrong"), imported)).isFalse();
            assertThat(hasher.needsRehash(imported)).isTrue();
        }
    }

    @Test
    void asksToRehashOnlyHashesWeakerThanTheConfiguredCost() {
        BcryptPasswordHasher stronger = new BcryptPasswordHasher(5);

        assertThat(hasher.needsRehash(hasher.hash(password))).isFalse();
        assertThat(stronger.needsRehash(hasher.hash(password))).isTrue();
        assertThat(hasher.needsRehash(stronger.hash(password))).isFalse();
    }

    @Test
    void treatsMalformedStoredHashesAsNoMatch() {
        for (String junk : new String[] {"plain", "$2b$", "$2b$04$short", "$argon2id$v=19$broken", "$9$x"}) {
            assertThat(hasher.verify(password, new PasswordHash(junk))).as(junk).isFalse();
        }
    }

    @Test
    void declaresBcryptsInputLimit() {
        assertThat(hasher.maxPasswordBytes()).isEqualTo(72);
    }

    @Test
    void refusesCostsOutsideBcryptsRange() {
        assertThatThrownBy(() -> new BcryptPasswordHasher(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BcryptPasswordHasher(32)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decoyVerificationRunsWithoutMatchingAnything() {
        hasher.verifyDecoy(password); // must not throw; its cost is measured in bench/
        assertThat(hasher.verify(password, hasher.hash(new Password("something else")))).isFalse();
    }
}
