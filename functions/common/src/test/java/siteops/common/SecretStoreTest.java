package siteops.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import siteops.testing.MotoServer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

@ExtendWith(MotoServer.class)
class SecretStoreTest {
    static final String TOKEN = "ghp_0123456789abcdefghijABCDEFGHIJ0123";
    final MotoServer moto;
    SecretsManagerClient client;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T10:00:00Z"));
    SecretStore store;

    SecretStoreTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void start() {
        moto.reset();
        client = moto.configure(SecretsManagerClient.builder()).build();
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        store = new SecretStore(client, Duration.ofMinutes(5), clock);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void readsTrimmedAndKeepsItForAFewMinutesThenReadsAgain() {
        client.createSecret(r -> r.name("siteops/github-token").secretString(TOKEN + "\n"));
        SecretValue value = store.get("siteops/github-token");
        assertEquals(TOKEN, value.reveal());

        client.putSecretValue(r -> r.secretId("siteops/github-token").secretString("rotated"));
        assertEquals(TOKEN, store.get("siteops/github-token").reveal(), "cached within five minutes");
        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertEquals("rotated", store.get("siteops/github-token").reveal(), "re-read once the cache is older");

        client.putSecretValue(r -> r.secretId("siteops/github-token").secretString("rotated-again"));
        store.invalidate("siteops/github-token");
        assertEquals("rotated-again", store.get("siteops/github-token").reveal());
    }

    @Test
    void aMissingSecretIsNamedAndTheValueNeverAppearsInText() {
        ConfigurationException error = assertThrows(ConfigurationException.class, () -> store.get("siteops/none"));
        assertTrue(error.getMessage().contains("'siteops/none' does not exist"), error.getMessage());

        client.createSecret(r -> r.name("siteops/github-token").secretString(TOKEN));
        SecretValue value = store.get("siteops/github-token");
        assertFalse(value.toString().contains(TOKEN));
        assertFalse(String.valueOf(value).contains("ghp_"));
    }

    @Test
    void aBinarySecretIsRefusedWithWhatToDo() {
        client.createSecret(r -> r.name("siteops/binary").secretBinary(SdkBytes.fromUtf8String("x")));
        ConfigurationException error = assertThrows(ConfigurationException.class, () -> store.get("siteops/binary"));
        assertTrue(error.getMessage().contains("no SecretString"), error.getMessage());
    }
}
