package org.messagebroker.server.ca;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.messagebroker.core.tls.PemFiles;

/**
 * The CA's private key at rest: encrypted PKCS#8 (PBES2, AES-256-CBC, PBKDF2). The passphrase comes
 * from {@code BROKER_CA_PASSPHRASE}, or from the file {@code BROKER_CA_PASSPHRASE_FILE} names (a systemd
 * credential, a mounted secret: anywhere but beside the key), otherwise from {@code secrets/ca-passphrase},
 * which the installation generates (mode 0600).
 */
public final class CaKeyFile {

    /** Passed explicitly, not registered globally: only this class needs its PBES2 cipher names. */
    private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final Path keyFile;
    private final Path passphraseFile;
    private final String configuredPassphrase;

    public CaKeyFile(Path dataDir, String configuredPassphrase) {
        this(dataDir, configuredPassphrase, null);
    }

    private CaKeyFile(Path dataDir, String configuredPassphrase, Path passphraseFile) {
        this.keyFile = dataDir.resolve("ca/ca.key");
        this.passphraseFile = passphraseFile != null ? passphraseFile : dataDir.resolve("secrets/ca-passphrase");
        this.configuredPassphrase = configuredPassphrase == null || configuredPassphrase.isBlank() ? null
                : configuredPassphrase;
    }

    /** With the passphrase, or the file that holds it, from the environment, if any. */
    public static CaKeyFile in(Path dataDir) {
        return in(dataDir, System.getenv());
    }

    static CaKeyFile in(Path dataDir, Map<String, String> environment) {
        String file = environment.get("BROKER_CA_PASSPHRASE_FILE");
        return new CaKeyFile(dataDir, environment.get("BROKER_CA_PASSPHRASE"),
                file == null || file.isBlank() ? null : Path.of(file));
    }

    public boolean exists() {
        return Files.exists(keyFile);
    }

    public void write(PrivateKey key) {
        try {
            JcaPKCS8Generator generator = new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(
                    JcaPKCS8Generator.AES_256_CBC).setProvider(BOUNCY_CASTLE).setRandom(new SecureRandom())
                    .setPassword(passphrase(true)).build());
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(generator);
            }
            PemFiles.writeOwnerOnly(keyFile, pem.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CA key", e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot encrypt the CA key", e);
        }
    }

    public PrivateKey read() {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(keyFile)))) {
            Object pem = parser.readObject();
            if (!(pem instanceof PKCS8EncryptedPrivateKeyInfo encrypted)) {
                throw new IllegalStateException("the CA key " + keyFile + " is not an encrypted PKCS#8 key");
            }
            PrivateKeyInfo info = encrypted.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(passphrase(false)));
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA key " + keyFile, e);
        } catch (PKCSException e) {
            throw new IllegalStateException("the CA key cannot be decrypted: wrong passphrase?", e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private char[] passphrase(boolean createIfMissing) throws IOException {
        if (configuredPassphrase != null) {
            return configuredPassphrase.toCharArray();
        }
        if (Files.notExists(passphraseFile)) {
            if (!createIfMissing) {
                throw new IllegalStateException("no CA passphrase: set BROKER_CA_PASSPHRASE or BROKER_CA_PASSPHRASE_FILE,"
                        + " or restore " + passphraseFile);
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            PemFiles.writeOwnerOnly(passphraseFile, Base64.getEncoder().encodeToString(random) + "\n");
        }
        return Files.readString(passphraseFile).trim().toCharArray();
    }
}
