package org.messagebroker.server.ca;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.messagebroker.core.errors.Rejection;

/**
 * Certificate signing requests. Only the public key is taken, after checking the requester holds the
 * private key (the CSR's signature); the subject always comes from the server's records.
 */
final class Csrs {

    private Csrs() {
    }

    static PublicKey publicKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            if (!(parser.readObject() instanceof org.bouncycastle.pkcs.PKCS10CertificationRequest request)) {
                throw invalid("csr is not a PEM certificate request");
            }
            JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(request);
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
                throw invalid("csr signature does not verify");
            }
            return csr.getPublicKey();
        } catch (IOException | GeneralSecurityException | OperatorCreationException | PKCSException
                | IllegalArgumentException | ClassCastException e) {
            throw invalid("csr cannot be read");
        }
    }

    private static Rejection invalid(String detail) {
        return new Rejection.Invalid(detail);
    }
}
