package dev.ferry.source.coap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.source.coap.SanType;
import dev.ferry.source.coap.TenantFromConfig;
import dev.ferry.testkit.pki.TestPki;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantRuleTest {

    @TempDir
    static Path dir;

    private static TestPki pki;
    private final TenantRule uri = new TenantRule(new TenantFromConfig(SanType.URI, TenantFromConfig.DEFAULT_PATTERN));

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir);
    }

    @Test
    void theTenantIsTheOneAUriNameGivesOtherNamesAside() throws Exception {
        assertThat(uri.tenantOf(pki.client("s1").tenant("acme").uri("https://example.com/device/s1").dns("s1.local")
                .issue().certificate())).isEqualTo("acme");
        assertThat(uri.tenantOf(pki.client("s2").tenant("acme").tenant("acme").issue().certificate())).isEqualTo("acme");
    }

    @Test
    void noTenantOrTwoTenantsIsARefusalThatSaysWhy() {
        assertThatThrownBy(() -> uri.tenantOf(pki.client("s3").dns("acme.example.com").issue().certificate()))
                .hasMessage("certificate \"CN=s3,O=Ferry Test\" names no tenant: none of its URI names [] matches "
                        + TenantFromConfig.DEFAULT_PATTERN);
        assertThatThrownBy(() -> uri.tenantOf(pki.client("s4").tenant("globex").tenant("acme").issue().certificate()))
                .hasMessage("certificate \"CN=s4,O=Ferry Test\" names more than one tenant: [acme, globex]");
        assertThatThrownBy(() -> uri.tenantOf(pki.client("s5").uri("urn:tenant:").issue().certificate()))
                .hasMessageContaining("names no tenant: none of its URI names [urn:tenant:] matches");
    }

    @Test
    void aPatternThatCapturesWhatCannotBeATenantRefusesTheCertificate() {
        TenantRule loose = new TenantRule(new TenantFromConfig(SanType.URI, "^urn:tenant:(?<tenant>.+)$"));
        assertThatThrownBy(() -> loose.tenantOf(pki.client("s6").uri("urn:tenant:acme/#").issue().certificate()))
                .hasMessageStartingWith("certificate \"CN=s6,O=Ferry Test\": its tenant is \"acme/#\"; a tenant is 1 to 64");
    }

    @Test
    void aDnsPatternReadsDnsNamesOnly() throws Exception {
        TenantRule dns = new TenantRule(new TenantFromConfig(SanType.DNS, "^(?<tenant>[a-z0-9-]+)\\.devices\\.example\\.com$"));
        assertThat(dns.tenantOf(pki.client("s7").dns("initech.devices.example.com").issue().certificate())).isEqualTo("initech");
        assertThatThrownBy(() -> dns.tenantOf(pki.client("s8").tenant("acme").issue().certificate()))
                .hasMessageContaining("none of its DNS names [] matches");
    }
}
