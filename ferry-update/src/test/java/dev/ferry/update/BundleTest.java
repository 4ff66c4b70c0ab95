package dev.ferry.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.update.BundleManifest.Archive;
import dev.ferry.update.BundleManifest.FileEntry;
import dev.ferry.update.BundleRefused.Reason;
import dev.ferry.update.BundleSigner.Release;
import dev.ferry.update.BundleVerifier.Expectations;
import dev.ferry.update.BundleVerifier.Trust;
import dev.ferry.update.SigningKeys.SigningKey;
import dev.ferry.update.SigningKeys.TrustedKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles signed with real Ed25519 keys and refused for every reason there is, each before anything is installed: a
 * staging folder is either complete and checked file by file, or not there at all.
 */
class BundleTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final long MAX = 64L * 1024 * 1024;

    @TempDir
    Path work;

    private SigningKey operator;
    private TrustedKey operatorPublic;
    private Trust trust;

    @BeforeEach
    void keys() throws IOException {
        operatorPublic = SigningKeys.generate(work.resolve("operator"));
        operator = SigningKeys.readPrivate(work.resolve("operator.key"));
        trust = new Trust(List.of(SigningKeys.readPublic(work.resolve("operator.pub"))), 1);
    }

    private static Expectations running(String version) {
        return new Expectations(Version.parse(version), "amd64", false, NOW, MAX);
    }

    private static Release release(String version) {
        return new Release(version, "any", null, NOW.plus(Duration.ofDays(90)), "fixes");
    }

    private Path signed(String version) throws Exception {
        Path dist = Distributions.portable(work.resolve("ferry-" + version + "-portable.tar.gz"), version);
        Path bundle = work.resolve("ferry-" + version + ".bundle");
        BundleSigner.sign(List.of(operator), dist, release(version), bundle);
        return bundle;
    }

    @Test
    void aSignedBundleVerifiesAndUnpacksEveryFileAsSigned() throws Exception {
        Path bundle = signed("1.1.0");

        BundleVerifier.Verified verified = BundleVerifier.verify(bundle, trust, running("1.0.0"));
        Path staging = work.resolve("staging/1.1.0");
        Staging.unpack(bundle, verified, staging);

        assertThat(verified.manifest().version()).isEqualTo("1.1.0");
        assertThat(verified.signedBy()).extracting(TrustedKey::id).containsExactly(operatorPublic.id());
        assertThat(verified.manifest().files()).extracting(FileEntry::path).containsExactlyInAnyOrder("ferry-1.1.0/bin/ferry",
                "ferry-1.1.0/ferry-agent.jar", "ferry-1.1.0/lib/ferry-api.jar", "ferry-1.1.0/docs/README.md", "ferry-1.1.0/README.md");
        assertThat(staging.resolve("ferry-1.1.0/ferry-agent.jar")).hasContent("agent 1.1.0");
        assertThat(Files.getPosixFilePermissions(staging.resolve("ferry-1.1.0/bin/ferry"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(staging.resolve("ferry-1.1.0/ferry-agent.jar"))).doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.readSymbolicLink(staging.resolve("ferry-1.1.0/README.md"))).isEqualTo(Path.of("docs/README.md"));
        assertThat(staging.resolve("ferry-1.1.0/README.md")).hasContent("# Ferry 1.1.0\n");
    }

    @Test
    void aChangedArchiveOrManifestIsRefused() throws Exception {
        Path bundle = signed("1.1.0");
        BundleFile.Head head = head(bundle);
        Path otherArchive = Distributions.portable(work.resolve("other.tar.gz"), "6.6.6");

        Path changedArchive = work.resolve("changed-archive.bundle");
        BundleFile.write(changedArchive, head.manifest(), head.signatures(), otherArchive,
                BundleManifest.parse(head.manifest()).archive().name());
        Path changedManifest = work.resolve("changed-manifest.bundle");
        BundleFile.write(changedManifest, new String(head.manifest()).replace("1.1.0", "1.2.0").getBytes(),
                head.signatures(), work.resolve("ferry-1.1.0-portable.tar.gz"), "ferry-1.1.0-portable.tar.gz");

        assertRefused(changedArchive, Reason.HASH_MISMATCH, "changed after signing");
        assertRefused(changedManifest, Reason.UNTRUSTED_SIGNATURE, "not signed by any trusted key");
    }

    @Test
    void aBundleSignedByAnotherKeyOrByNoneIsRefusedNamingTheTrustedKeys() throws Exception {
        SigningKeys.generate(work.resolve("stranger"));
        Path dist = Distributions.portable(work.resolve("ferry-1.1.0-portable.tar.gz"), "1.1.0");
        Path foreign = work.resolve("foreign.bundle");
        BundleSigner.sign(List.of(SigningKeys.readPrivate(work.resolve("stranger.key"))), dist, release("1.1.0"), foreign);
        BundleFile.Head head = head(foreign);
        Path unsigned = work.resolve("unsigned.bundle");
        BundleFile.write(unsigned, head.manifest(), List.of(), dist, dist.getFileName().toString());

        assertRefused(foreign, Reason.UNTRUSTED_SIGNATURE, "not signed by any trusted key (trusted: " + operatorPublic.id()
                + " operator.pub)");
        assertRefused(unsigned, Reason.UNSIGNED, "not signed");
    }

    @Test
    void aThresholdOfTwoKeysNeedsTwoSignatures() throws Exception {
        TrustedKey second = SigningKeys.generate(work.resolve("second"));
        Trust both = new Trust(List.of(operatorPublic, second), 2);
        Path dist = Distributions.portable(work.resolve("ferry-1.1.0-portable.tar.gz"), "1.1.0");
        Path once = work.resolve("once.bundle");
        Path twice = work.resolve("twice.bundle");
        BundleSigner.sign(List.of(operator), dist, release("1.1.0"), once);
        BundleSigner.sign(List.of(operator, SigningKeys.readPrivate(work.resolve("second.key"))), dist, release("1.1.0"), twice);

        assertThatThrownBy(() -> BundleVerifier.verify(once, both, running("1.0.0"))).isInstanceOf(BundleRefused.class)
                .hasMessageContaining("signed by 1 of the trusted keys").hasMessageContaining("2 needed");
        assertThat(BundleVerifier.verify(twice, both, running("1.0.0")).signedBy()).hasSize(2);
    }

    @Test
    void anExpiredBundleIsRefusedSoThatOldOnesCannotBeReplayed() throws Exception {
        Path bundle = signed("1.1.0");
        Expectations later = new Expectations(Version.parse("1.0.0"), "amd64", false, NOW.plus(Duration.ofDays(91)), MAX);

        assertThatThrownBy(() -> BundleVerifier.verify(bundle, trust, later)).isInstanceOf(BundleRefused.class)
                .hasMessageContaining("expired on 2027-03-07T12:00:00Z")
                .satisfies(e -> assertThat(((BundleRefused) e).reason()).isEqualTo(Reason.EXPIRED));
    }

    @Test
    void versionsArriveInOrderUnlessADowngradeIsAllowed() throws Exception {
        Path bundle = signed("1.1.0");
        Path needsNewer = work.resolve("needs.bundle");
        BundleSigner.sign(List.of(operator), work.resolve("ferry-1.1.0-portable.tar.gz"),
                new Release("1.1.0", "any", "1.0.5", NOW.plus(Duration.ofDays(1)), ""), needsNewer);

        assertThatThrownBy(() -> BundleVerifier.verify(bundle, trust, running("1.2.0"))).isInstanceOf(BundleRefused.class)
                .hasMessageContaining("older than the running 1.2.0").hasMessageContaining("allow_downgrade");
        assertThat(BundleVerifier.verify(bundle, trust, new Expectations(Version.parse("1.2.0"), "amd64", true, NOW, MAX))
                .manifest().version()).isEqualTo("1.1.0");
        assertRefused(bundle, running("1.1.0"), Reason.ALREADY_RUNNING, "runs already");
        assertRefused(needsNewer, running("1.0.0"), Reason.TOO_OLD_TO_REPLACE, "replaces 1.0.5 or newer");
        assertThat(BundleVerifier.verify(needsNewer, trust, running("1.0.5")).manifest().minVersion()).isEqualTo("1.0.5");
    }

    @Test
    void aBundleForAnotherArchitectureIsRefused() throws Exception {
        Path dist = Distributions.portable(work.resolve("ferry-1.1.0-portable.tar.gz"), "1.1.0");
        Path arm = work.resolve("arm.bundle");
        BundleSigner.sign(List.of(operator), dist, new Release("1.1.0", "arm64", null, NOW.plus(Duration.ofDays(1)), ""), arm);

        assertRefused(arm, Reason.WRONG_ARCHITECTURE, "for arm64, this gateway is amd64");
    }

    @Test
    void hostileEntriesAreRefusedBySignerAndAgentEvenWhenATrustedKeySignedThem() throws Exception {
        record Hostile(String name, Reason reason, Distributions.Writer content) {}
        List<Hostile> cases = List.of(
                new Hostile("path traversal", Reason.UNSAFE_PATH, d -> d.file("ferry/../../evil", "x", false)),
                new Hostile("absolute path", Reason.UNSAFE_PATH, d -> d.absoluteFile(work.resolve("evil").toString(), "x")),
                new Hostile("link out of the folder", Reason.UNSAFE_LINK, d -> d.symlink("ferry/lib", "../../..")),
                new Hostile("absolute link", Reason.UNSAFE_LINK, d -> d.symlink("ferry/lib", "/etc")),
                new Hostile("hard link", Reason.UNSAFE_ENTRY, d -> d.hardLink("ferry/passwd", "/etc/passwd")),
                new Hostile("device", Reason.UNSAFE_ENTRY, d -> d.characterDevice("ferry/null")),
                new Hostile("named pipe", Reason.UNSAFE_ENTRY, d -> d.pipe("ferry/pipe")));
        for (Hostile hostile : cases) {
            Path dist = work.resolve("hostile.tar.gz");
            Files.deleteIfExists(dist);
            Distributions writer = Distributions.create(dist).file("ferry/bin/ferry", "#!/bin/sh\n", true);
            hostile.content().write(writer);
            writer.close();

            assertThatThrownBy(() -> BundleSigner.sign(List.of(operator), dist, release("1.1.0"), work.resolve("refused.bundle")))
                    .describedAs("the signer refuses: " + hostile.name()).isInstanceOf(BundleRefused.class)
                    .satisfies(e -> assertThat(((BundleRefused) e).reason()).isEqualTo(hostile.reason()));

            Path crafted = signedAsIs(dist, List.of(FileEntry.file("ferry/bin/ferry", 10, sha256("#!/bin/sh\n"), true)));
            BundleVerifier.Verified verified = BundleVerifier.verify(crafted, trust, running("1.0.0"));
            Path staging = work.resolve("staging-" + hostile.reason());
            assertThatThrownBy(() -> Staging.unpack(crafted, verified, staging)).as(hostile.name())
                    .isInstanceOf(BundleRefused.class)
                    .satisfies(e -> assertThat(((BundleRefused) e).reason()).isEqualTo(hostile.reason()));
            assertThat(staging).as("no staging folder left after: " + hostile.name()).doesNotExist();
            assertThat(work.resolve("evil")).doesNotExist();
        }
    }

    @Test
    void aFileTheManifestDoesNotListOrListsDifferentlyIsRefused() throws Exception {
        Path dist = Distributions.create(work.resolve("d.tar.gz")).file("ferry/bin/ferry", "#!/bin/sh\n", true)
                .file("ferry/extra.jar", "smuggled", false).close();
        Path extra = signedAsIs(dist, List.of(FileEntry.file("ferry/bin/ferry", 10, sha256("#!/bin/sh\n"), true)));
        Path lying = signedAsIs(dist, List.of(FileEntry.file("ferry/bin/ferry", 10, sha256("#!/bin/sh\n"), true),
                FileEntry.file("ferry/extra.jar", 8, sha256("harmless"), false)));
        Path missing = signedAsIs(dist, List.of(FileEntry.file("ferry/bin/ferry", 10, sha256("#!/bin/sh\n"), true),
                FileEntry.file("ferry/extra.jar", 8, sha256("smuggled"), false),
                FileEntry.file("ferry/lib/needed.jar", 3, sha256("abc"), false)));

        assertUnpackRefused(extra, "does not list");
        assertUnpackRefused(lying, "changed after signing");
        assertUnpackRefused(missing, "lacks 1 file(s)");
    }

    private void assertUnpackRefused(Path bundle, String message) throws Exception {
        BundleVerifier.Verified verified = BundleVerifier.verify(bundle, trust, running("1.0.0"));
        Path staging = work.resolve("staging");
        assertThatThrownBy(() -> Staging.unpack(bundle, verified, staging)).isInstanceOf(BundleRefused.class)
                .hasMessageContaining(message);
        assertThat(staging).doesNotExist();
    }

    @Test
    void theManifestReadsBackAsWritten() throws Exception {
        BundleManifest manifest = new BundleManifest("2.0.0-rc.1", "any", "1.9.0", NOW, "notes \"quoted\"\nsecond line",
                new Archive("a.tar.gz", 12, "ab"), List.of(FileEntry.file("x/y", 3, "cd", true), FileEntry.symlink("x/z", "y")));

        assertThat(BundleManifest.parse(manifest.toJson())).isEqualTo(manifest);
        assertThatThrownBy(() -> BundleManifest.parse("{\"format\": 2}".getBytes())).isInstanceOf(BundleRefused.class)
                .hasMessageContaining("format is 2");
        assertThatThrownBy(() -> BundleManifest.parse("not json".getBytes())).isInstanceOf(BundleRefused.class);
    }

    /** A bundle of {@code dist} whose signed manifest lists {@code files}, whatever the archive holds. */
    private Path signedAsIs(Path dist, List<FileEntry> files) throws Exception {
        String sha256;
        try (InputStream in = Files.newInputStream(dist)) {
            sha256 = Hashing.copy(in, OutputStream.nullOutputStream(), Long.MAX_VALUE).sha256();
        }
        BundleManifest manifest = new BundleManifest("1.1.0", "any", null, NOW.plus(Duration.ofDays(1)), "",
                new Archive("dist.tar.gz", Files.size(dist), sha256), files);
        byte[] json = manifest.toJson();
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(operator.key());
        signature.update(json);
        Path bundle = work.resolve("crafted-" + System.nanoTime() + ".bundle");
        BundleFile.write(bundle, json, List.of(signature.sign()), dist, "dist.tar.gz");
        return bundle;
    }

    private void assertRefused(Path bundle, Reason reason, String message) {
        assertRefused(bundle, running("1.0.0"), reason, message);
    }

    private void assertRefused(Path bundle, Expectations expect, Reason reason, String message) {
        assertThatThrownBy(() -> BundleVerifier.verify(bundle, trust, expect)).isInstanceOf(BundleRefused.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((BundleRefused) e).reason()).isEqualTo(reason));
    }

    private static BundleFile.Head head(Path bundle) throws Exception {
        List<BundleFile.Head> heads = new ArrayList<>();
        BundleFile.read(bundle, (head, name, size, archive) -> heads.add(head));
        return heads.getFirst();
    }

    private static String sha256(String text) {
        var digest = Hashing.sha256();
        digest.update(text.getBytes());
        return Hashing.hex(digest);
    }
}
