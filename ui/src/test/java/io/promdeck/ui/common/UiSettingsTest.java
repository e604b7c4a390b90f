package io.promdeck.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.cluster.SettingsFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiSettingsTest {

    @Test
    void windowGeometryContextAndThemeSurviveARestart(@TempDir Path dir) throws Exception {
        UiSettings settings = new UiSettings(new SettingsFolder(dir.resolve("promdeck")));
        assertThat(settings.load()).isEqualTo(UiSettings.Values.defaults());

        settings.save(UiSettings.Values.defaults().withWindow(10, 20, 1024, 700).withContext("prod", "monitoring").withDark(true));

        UiSettings.Values again = new UiSettings(new SettingsFolder(dir.resolve("promdeck"))).load();
        assertThat(again.width()).isEqualTo(1024);
        assertThat(again.lastContext()).isEqualTo("prod");
        assertThat(again.lastNamespace()).isEqualTo("monitoring");
        assertThat(again.dark()).isTrue();

        Files.writeString(dir.resolve("promdeck/console.json"), "{not json");
        assertThat(new UiSettings(new SettingsFolder(dir.resolve("promdeck"))).load()).isEqualTo(UiSettings.Values.defaults());
    }

    @Test
    void aFileWrittenByEarlierVersionsIsRead(@TempDir Path dir) throws Exception {
        // As the object mapper wrote it: NaN as a string, nulls, and a field this version does not know.
        Files.createDirectories(dir.resolve("promdeck"));
        Files.writeString(dir.resolve("promdeck/console.json"), """
                { "x" : "NaN", "y" : 12.5, "width" : 1400.0, "height" : 900.0, "lastContext" : null,
                  "lastNamespace" : "monitoring", "dark" : false, "refreshMillis" : 7000, "future" : {"a" : [1, 2]} }
                """);

        UiSettings.Values read = new UiSettings(new SettingsFolder(dir.resolve("promdeck"))).load();

        assertThat(read).isEqualTo(new UiSettings.Values(Double.NaN, 12.5, 1400, 900, null, "monitoring", false, 7000));
        Files.writeString(dir.resolve("promdeck/console.json"), "[1, 2]");
        assertThat(new UiSettings(new SettingsFolder(dir.resolve("promdeck"))).load()).isEqualTo(UiSettings.Values.defaults());
    }
}
