package siteops.common;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's default trust manager (its cacerts trust anchors, the same checks), loaded at the first TLS handshake
 * instead of when a client is built. Reading and parsing the ~150 CA certificates is tens of milliseconds of a cold
 * start, spent even by a call that never opens a TLS connection (a plain-HTTP endpoint such as the local emulator).
 * On Lambda every call is HTTPS, so the cost only moves; with SnapStart, the priming call's handshake still puts the
 * loaded anchors into the snapshot. The anchors are loaded once per process and shared by every client.
 */
public final class DeferredTrust extends X509ExtendedTrustManager {
    private static final DeferredTrust INSTANCE = new DeferredTrust();
    private static X509ExtendedTrustManager loaded;

    private DeferredTrust() {}

    /** For the SDK's HTTP client builders ({@code tlsTrustManagersProvider}). */
    public static TrustManager[] trustManagers() {
        return new TrustManager[] {INSTANCE};
    }

    /** For java.net.http clients, whose default context would load the anchors at once. */
    public static SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(Messages.tlsNotSetUp(e.getMessage()), e);
        }
    }

    private static synchronized X509ExtendedTrustManager anchors() throws CertificateException {
        if (loaded == null) {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                for (TrustManager manager : factory.getTrustManagers()) {
                    if (manager instanceof X509ExtendedTrustManager x509) {
                        loaded = x509;
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new CertificateException(Messages.trustAnchorsUnreadable(e.getMessage()), e);
            }
            if (loaded == null) {
                throw new CertificateException(Messages.noX509TrustManager());
            }
        }
        return loaded;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        anchors().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        anchors().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        anchors().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        anchors().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        anchors().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        anchors().checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        try {
            return anchors().getAcceptedIssuers();
        } catch (CertificateException e) {
            return new X509Certificate[0];
        }
    }
}
