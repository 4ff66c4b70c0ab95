package dev.ferry.management.auth;

import dev.ferry.runtime.config.AuthConfig;
import dev.ferry.runtime.config.StaticToken;
import dev.ferry.runtime.config.JwtConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.api.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthConfigCheckTest {

    private static final String GOOD_TOKEN = "g00dT0ken-0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private static JwtConfig jwt(String... keys) {
        return new JwtConfig(List.of(keys), null, null, Duration.ofSeconds(60));
    }

    private Map<String, String> problems(AuthConfig config) {
        return Authenticator.check(config, dir::resolve).stream()
                .collect(Collectors.toMap(ConfigProblem::key, ConfigProblem::message));
    }

    @Test
    void aGoodConfigHasNoProblem() throws Exception {
        TestKeys.writePublicKey(dir, "ec.pem", TestKeys.ecP256());
        TestKeys.writePublicKey(dir, "rsa.pem", TestKeys.rsa(2048));
        TestKeys.writePublicKey(dir, "ed.pem", TestKeys.ed25519());
        Path certificate = certificateFile();

        assertThat(problems(new AuthConfig(List.of(new StaticToken(GOOD_TOKEN, List.of("agent:read", "config:write"))),
                jwt("ec.pem", "rsa.pem", "ed.pem", certificate.toString())))).isEmpty();
    }

    @Test
    void tokenProblemsAreReportedAtTheirKeys() {
        AuthConfig config = new AuthConfig(List.of(
                new StaticToken("", List.of("agent:read")),
                new StaticToken("short", List.of("agent:read", "agent:raed")),
                new StaticToken(GOOD_TOKEN, List.of()),
                new StaticToken(GOOD_TOKEN + " with spaces", List.of("agent:diagnose"))), jwt());

        assertThat(problems(config)).containsOnlyKeys("tokens.0.token", "tokens.1.token", "tokens.1.scopes.1",
                "tokens.2.scopes", "tokens.3.token", "jwt.keys");
        assertThat(problems(config).get("tokens.0.token")).startsWith("is empty (an unset variable?)");
        assertThat(problems(config).get("tokens.1.token")).startsWith("is 5 characters long, too easy to guess");
        assertThat(problems(config).get("tokens.1.scopes.1"))
                .isEqualTo("unknown scope \"agent:raed\"; known: agent:read, agent:diagnose, config:write, agent:update");
        assertThat(problems(config).get("tokens.3.token")).startsWith("has characters a Bearer header cannot carry");
        assertThat(problems(config).values()).noneMatch(message -> message.contains(GOOD_TOKEN));
    }

    @Test
    void keyFileProblemsNameTheKeyAndTheFile() throws IOException {
        TestKeys.writePem(dir.resolve("private.pem"), "PRIVATE KEY", TestKeys.ecP256().getPrivate());
        TestKeys.writePublicKey(dir, "rsa1024.pem", TestKeys.rsa(1024));
        Files.writeString(dir.resolve("garbage.pem"), "not a key at all");
        TestKeys.writePublicKey(dir, "p384.pem", TestKeys.ecP384());
        Files.writeString(dir.resolve("bad-base64.pem"), "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----\n");

        Map<String, String> problems = problems(new AuthConfig(List.of(),
                jwt("missing.pem", "private.pem", "rsa1024.pem", "garbage.pem", "p384.pem", "bad-base64.pem")));

        assertThat(problems).containsOnlyKeys("jwt.keys.0", "jwt.keys.1", "jwt.keys.2", "jwt.keys.3", "jwt.keys.4", "jwt.keys.5");
        assertThat(problems.get("jwt.keys.0")).isEqualTo("no such file: " + dir.resolve("missing.pem"));
        assertThat(problems.get("jwt.keys.1")).isEqualTo(dir.resolve("private.pem") + " holds a PRIVATE KEY, not a public"
                + " key or certificate; keep the private key with the issuer and give its public key:"
                + " openssl pkey -in KEY.pem -pubout -out PUBLIC.pem");
        assertThat(problems.get("jwt.keys.2")).isEqualTo("the RSA key in " + dir.resolve("rsa1024.pem") + " has 1024 bits; use 2048 or more");
        assertThat(problems.get("jwt.keys.3")).startsWith(dir.resolve("garbage.pem") + " is not PEM");
        assertThat(problems.get("jwt.keys.4")).contains("384-bit curve; use a P-256 key (ES256)");
        assertThat(problems.get("jwt.keys.5")).contains("is not valid base64");
    }

    @Test
    void aBadKeyFileStopsTheAuthenticatorWithTheKeyAndTheFile() {
        AuthConfig config = new AuthConfig(List.of(), jwt("missing.pem"));

        assertThatThrownBy(() -> Authenticator.of(config, dir::resolve, Clock.systemUTC()))
                .isInstanceOf(IOException.class)
                .hasMessage("jwt.keys.0: no such file: " + dir.resolve("missing.pem"));
    }

    /** A self-signed EC certificate in PEM, made by the JDK's keytool. */
    private Path certificateFile() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path store = dir.resolve("ops.p12");
        Path pem = dir.resolve("ops-cert.pem");
        run(keytool.toString(), "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "ops", "-dname", "CN=ops",
                "-keystore", store.toString(), "-storepass", "changeit", "-validity", "30");
        run(keytool.toString(), "-exportcert", "-rfc", "-alias", "ops", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        return pem;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }
}
