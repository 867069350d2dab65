package siteops.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

class DeferredTrustTest {
    /** A self-signed certificate (CN=untrusted.example, valid until 2126). */
    private static final String UNTRUSTED = """
            -----BEGIN CERTIFICATE-----
            MIIBTzCB96ADAgECAgh3Edk/ljceCjAKBggqhkjOPQQDAzAcMRowGAYDVQQDExF1
            bnRydXN0ZWQuZXhhbXBsZTAgFw0yNjEyMDIyMDU2MDVaGA8yMTI2MTEwODIwNTYw
            NVowHDEaMBgGA1UEAxMRdW50cnVzdGVkLmV4YW1wbGUwWTATBgcqhkjOPQIBBggq
            hkjOPQMBBwNCAATtMEd9+2+SE56cOssDFmd6ePNkIptCMao8XsC44j9EE/Hn1fiu
            epTMdCM8vWP3pyQy8+4aQlWOgg/AxWWxoK+ToyEwHzAdBgNVHQ4EFgQUctJYpd4H
            hmpSA0HuuDOQzJviJhIwCgYIKoZIzj0EAwMDRwAwRAIgFIvJVWNu3Kz3TKxSMKs4
            f/GtDRfURZ7Up9pjF0YLxowCIGYatZetWU1xuLoHTB6OSYHQrQ0uVd1gVIQ+6M+j
            2A67
            -----END CERTIFICATE-----
            """;

    @Test
    void trustsExactlyTheJdksDefaultAnchors() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        X509TrustManager jdk = (X509TrustManager) factory.getTrustManagers()[0];
        X509TrustManager deferred = (X509TrustManager) DeferredTrust.trustManagers()[0];

        assertTrue(jdk.getAcceptedIssuers().length > 0, "the JDK has trust anchors");
        assertEquals(subjects(jdk.getAcceptedIssuers()), subjects(deferred.getAcceptedIssuers()));
    }

    @Test
    void refusesACertificateNoAnchorVouchesFor() throws Exception {
        X509TrustManager deferred = (X509TrustManager) DeferredTrust.trustManagers()[0];
        X509Certificate selfSigned = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(UNTRUSTED.getBytes(StandardCharsets.US_ASCII)));
        assertThrows(CertificateException.class, () -> deferred.checkServerTrusted(new X509Certificate[] {selfSigned}, "ECDHE_ECDSA"));
    }

    @Test
    void buildsATlsContextForJavaNetHttpClients() {
        assertEquals("TLS", DeferredTrust.sslContext().getProtocol());
    }

    private static Set<String> subjects(X509Certificate[] certificates) {
        return Arrays.stream(certificates).map(c -> c.getSubjectX500Principal().getName()).collect(Collectors.toSet());
    }

}
