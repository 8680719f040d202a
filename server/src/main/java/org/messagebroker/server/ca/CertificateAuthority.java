package org.messagebroker.server.ca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.messagebroker.core.tls.PemFiles;

/** Creates the CA and signs leaf certificates with it. Holds the CA key only while in use. */
public final class CertificateAuthority {

    public static final String CA_SUBJECT = "CN=MessageBrokerCA, O=MessageBroker";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey key;

    /** How far before its issue a certificate is valid from, so that a slightly slow clock accepts it. */
    static final Duration BACKDATED = Duration.ofMinutes(5);

    public CertificateAuthority(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** The key types a CA can have; RSA-4096 is Message Broker 1.0's. */
    public enum KeyType { rsa4096, ecp256, ecp384 }

    /** A new self-signed CA: RSA-4096, valid for ten years, as Message Broker 1.0's {@code init_ca}. */
    public static CertificateAuthority create(Instant now) {
        return create(now, KeyType.rsa4096);
    }

    /** A new self-signed CA with the given key type, valid for ten years. */
    public static CertificateAuthority create(Instant now, KeyType type) {
        KeyPair pair = switch (type) {
            case rsa4096 -> generate("RSA", 4096);
            case ecp256 -> ec("secp256r1");
            case ecp384 -> ec("secp384r1");
        };
        try {
            X500Name subject = new X500Name(CA_SUBJECT);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, randomSerial(),
                    Date.from(now.minus(BACKDATED)), Date.from(now.plus(Duration.ofDays(3650))),
                    subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()));
            return new CertificateAuthority(sign(builder, pair.getPrivate()), pair.getPrivate());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot create the CA", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey key() {
        return key;
    }

    /** A certificate this CA issued followed by the CA's own, as a TLS server presents them. */
    public String chainPem(X509Certificate issued) {
        return PemFiles.pem(issued) + PemFiles.pem(certificate);
    }

    /** A new ECDSA P-256 key pair for a leaf certificate. */
    public static KeyPair newLeafKeyPair() {
        return ec("secp256r1");
    }

    private static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an EC key", e);
        }
    }

    /**
     * Signs a leaf certificate. {@code dnsNames} and {@code ipAddresses} become the subject alternative
     * names (servers need them); {@code purposes} the extended key usage.
     */
    public X509Certificate issue(String subject, PublicKey publicKey, Instant now, Duration validity,
            List<KeyPurposeId> purposes, List<String> dnsNames, List<String> ipAddresses) {
        return issue(subject, publicKey, now, validity, purposes, dnsNames, ipAddresses, null);
    }

    /**
     * A certificate for one of the installation's components: TLS server and client, with the role's
     * component policy, which no client certificate carries.
     */
    public X509Certificate issueComponent(ComponentRole role, String subject, PublicKey publicKey, Instant now,
            Duration validity, List<String> dnsNames, List<String> ipAddresses) {
        return issue(subject, publicKey, now, validity, List.of(KeyPurposeId.id_kp_serverAuth,
                KeyPurposeId.id_kp_clientAuth), dnsNames, ipAddresses, role);
    }

    private X509Certificate issue(String subject, PublicKey publicKey, Instant now, Duration validity,
            List<KeyPurposeId> purposes, List<String> dnsNames, List<String> ipAddresses, ComponentRole role) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, randomSerial(),
                    Date.from(now.minus(BACKDATED)), Date.from(now.plus(validity)),
                    new X500Name(subject), publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(publicKey));
            if (role != null) {
                builder.addExtension(Extension.certificatePolicies, false, role.policies());
            }
            if (!dnsNames.isEmpty() || !ipAddresses.isEmpty()) {
                GeneralName[] names = java.util.stream.Stream.concat(
                        dnsNames.stream().map(name -> new GeneralName(GeneralName.dNSName, name)),
                        ipAddresses.stream().map(ip -> new GeneralName(GeneralName.iPAddress, ip)))
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            return sign(builder, key);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject, e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(signatureAlgorithm(signer)).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** SHA-256 for RSA and P-256, SHA-384 for P-384 (the hash matches the curve's strength). */
    static String signatureAlgorithm(PrivateKey signer) {
        if (signer.getAlgorithm().equals("RSA")) {
            return "SHA256withRSA";
        }
        int bits = ((java.security.interfaces.ECPrivateKey) signer).getParams().getCurve().getField().getFieldSize();
        return bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
    }

    /** Positive, at least 64 random bits (CA/Browser Forum baseline), never zero. */
    private static BigInteger randomSerial() {
        return new BigInteger(127, RANDOM).setBit(126);
    }
}
