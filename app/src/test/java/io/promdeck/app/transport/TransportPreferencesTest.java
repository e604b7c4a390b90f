package io.promdeck.app.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.cluster.SettingsFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportPreferencesTest {

    @TempDir
    Path dir;

    @Test
    void aChoiceIsRememberedPerContextAndAutomaticRemovesIt() throws IOException {
        TransportPreferences preferences = new TransportPreferences(new SettingsFolder(dir));
        preferences.put("prod", Optional.of(TransportMode.PORT_FORWARD));
        preferences.put("lab", Optional.of(TransportMode.DIRECT));

        TransportPreferences reread = new TransportPreferences(new SettingsFolder(dir));
        assertThat(reread.forContext("prod")).contains(TransportMode.PORT_FORWARD);
        assertThat(reread.forContext("lab")).contains(TransportMode.DIRECT);
        assertThat(reread.forContext("staging")).isEmpty();

        reread.put("prod", Optional.empty());
        assertThat(new TransportPreferences(new SettingsFolder(dir)).all()).containsOnlyKeys("lab");
    }

    @Test
    void anUnreadableFileMeansNoChoicesAndIsReplacedOnTheNextSave() throws IOException {
        SettingsFolder settings = new SettingsFolder(dir);
        Files.writeString(settings.file("transports.json"), "{\"prod\": \"CARRIER_PIGEON\"");
        TransportPreferences preferences = new TransportPreferences(settings);

        assertThat(preferences.all()).isEmpty();
        preferences.put("prod", Optional.of(TransportMode.POD_PROXY));
        assertThat(preferences.forContext("prod")).contains(TransportMode.POD_PROXY);
    }
}
