package org.messagebroker.cli.renewal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.core.tls.TlsContexts;
import org.messagebroker.server.ca.CertificateAuthority;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client renewing its own certificate through the proxy, authenticated by the certificate it holds:
 * a new P-256 key, a CSR for the same name, the answer written over the old files (each replaced
 * atomically, key first), then the hook that makes the client use them.
 */
public final class OwnCertificateRenewal {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Path certificate;
    private final Path key;
    private final Path ca;
    private final URI proxy;
    private final Integer validityDays;
    private final String hook;

    public OwnCertificateRenewal(Path certificate, Path key, Path ca, URI proxy, Integer validityDays, String hook) {
        this.certificate = certificate;
        this.key = key;
        this.ca = ca;
        this.proxy = proxy;
        this.validityDays = validityDays;
        this.hook = hook;
    }

    public X509Certificate current() {
        return PemFiles.readCertificate(certificate);
    }

    /** Renews now and answers the new certificate; throws {@link RenewalException} saying why not. */
    public X509Certificate renew() {
        KeyPair pair = CertificateAuthority.newLeafKeyPair();
        Map<String, Object> request = new HashMap<>();
        request.put("csr", csr(pair, current()));
        request.put("validity_days", validityDays);
        HttpResponse<String> answer = post(JSON.writeValueAsBytes(request));
        JsonNode body = JSON.readTree(answer.body().isEmpty() ? "{}" : answer.body());
        if (answer.statusCode() != 201) {
            throw new RenewalException("the proxy answered " + answer.statusCode() + ": "
                    + body.path("detail").asString(answer.body()));
        }
        X509Certificate renewed = PemFiles.parseCertificate(body.path("certificate").asString());
        if (!renewed.getPublicKey().equals(pair.getPublic())) {
            throw new RenewalException("the certificate received is not for the key that was sent");
        }
        PemFiles.writeOwnerOnly(key, PemFiles.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        PemFiles.writePublic(certificate, body.path("certificate").asString());
        runHook();
        return renewed;
    }

    private HttpResponse<String> post(byte[] json) {
        HttpClient client = HttpClient.newBuilder().sslContext(TlsContexts.mutual(certificate, key, ca))
                .connectTimeout(TIMEOUT).build();
        try {
            return client.send(HttpRequest.newBuilder(proxy.resolve("/api/v1/certificates/renew")).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RenewalException("the proxy at " + proxy + " cannot be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenewalException("interrupted");
        }
    }

    /** The hook runs with {@code sh -c}; {@code BROKER_CERTIFICATE} and {@code BROKER_KEY} name the new files. */
    private void runHook() {
        if (hook == null || hook.isBlank()) {
            return;
        }
        ProcessBuilder process = new ProcessBuilder("sh", "-c", hook).inheritIO();
        process.environment().put("BROKER_CERTIFICATE", certificate.toAbsolutePath().toString());
        process.environment().put("BROKER_KEY", key.toAbsolutePath().toString());
        try {
            Process running = process.start();
            if (!running.waitFor(60, TimeUnit.SECONDS)) {
                running.destroyForcibly();
                throw new RenewalException("renewed, but the hook did not finish within 60 s");
            }
            if (running.exitValue() != 0) {
                throw new RenewalException("renewed, but the hook exited with " + running.exitValue());
            }
        } catch (IOException e) {
            throw new RenewalException("renewed, but the hook could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenewalException("interrupted while the hook ran");
        }
    }

    private static String csr(KeyPair pair, X509Certificate current) {
        try {
            return PemFiles.pem("CERTIFICATE REQUEST", new JcaPKCS10CertificationRequestBuilder(
                    current.getSubjectX500Principal(), pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why a renewal did not happen (or its hook failed), in one sentence for the operator. */
    public static final class RenewalException extends RuntimeException {
        RenewalException(String message) {
            super(message);
        }
    }
}
