package io.promdeck.app.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Silences to and from amtool's JSON format. */
class SilenceExportTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void exportedSilencesImportAsNewOnesByTheImporterWithTheirAuthorKept() {
        Silence regex = new Silence("a1", List.of(Matcher.of("alertname", MatchType.REGEX, "Disk.*"), Matcher.of("env", MatchType.NOT_EQUAL, "dev")),
                NOW.minusSeconds(600), NOW.plusSeconds(3600), NOW.minusSeconds(600), "ana", "disk work", SilenceState.ACTIVE);
        Silence ended = new Silence("a2", List.of(Matcher.equal("alertname", "Old")), NOW.minusSeconds(7200), NOW.minusSeconds(60),
                NOW.minusSeconds(60), "ana", "done", SilenceState.EXPIRED);

        String json = SilenceExport.write(List.of(regex, ended));
        assertThat(json).contains("\"id\" : \"a1\"", "\"isRegex\" : true", "\"isEqual\" : false", "\"state\" : \"active\"");

        SilenceExport.Parsed parsed = SilenceExport.read(json, "bo", NOW);
        assertThat(parsed.drafts()).singleElement().satisfies(d -> {
            assertThat(d.existingId()).isEmpty();
            assertThat(d.matchers()).isEqualTo(regex.matchers());
            assertThat(d.createdBy()).isEqualTo("bo");
            assertThat(d.comment()).isEqualTo("disk work (imported; by ana)");
            assertThat(d.startsAt()).isEqualTo(NOW);
            assertThat(d.endsAt()).isEqualTo(regex.endsAt());
        });
        assertThat(parsed.problems()).singleElement().asString().startsWith("silence 2 ({alertname=\"Old\"}): ended");
    }

    @Test
    void aFileThatIsNotAnAmtoolExportIsRefusedWithTheReason() {
        assertThat(SilenceExport.read("{\"matchers\": []}", "bo", NOW).problems()).containsExactly(
                "expected a JSON array of silences (amtool silence query -o json)");
        assertThat(SilenceExport.read("[{", "bo", NOW).problems()).singleElement().asString().startsWith("not JSON:");
        assertThat(SilenceExport.read("[{\"matchers\": [], \"endsAt\": \"2027-01-01T00:00:00Z\"}]", "bo", NOW).problems())
                .containsExactly("silence 1: no matchers");
        assertThat(SilenceExport.read("[{\"matchers\": [{\"name\": \"a\", \"value\": \"(\", \"isRegex\": true}], \"endsAt\": \"2027-01-01T00:00:00Z\"}]",
                "bo", NOW).problems()).singleElement().asString().contains("silence 1");
    }
}
