package io.promdeck.app.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.install.ParameterCheck;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one parser of Prometheus durations, as the config checks and the install parameters both use it. */
class PromDurationTest {

    @Test
    void readsEveryUnitInPrometheusOrder() {
        assertThat(PromDuration.millis("1h30m")).isEqualTo(5_400_000);
        assertThat(PromDuration.millis("1y2w3d4h5m6s7ms")).isEqualTo(
                Duration.ofDays(365 + 14 + 3).plusHours(4).plusMinutes(5).plusSeconds(6).plusMillis(7).toMillis());
        assertThat(PromDuration.millis("0s")).isZero();
    }

    @Test
    void whatIsNotADurationIsMinusOneNotAnException() {
        assertThat(PromDuration.millis("")).isEqualTo(-1);
        assertThat(PromDuration.millis(null)).isEqualTo(-1);
        assertThat(PromDuration.millis("30 seconds")).isEqualTo(-1);
        assertThat(PromDuration.millis("5m1h")).isEqualTo(-1);
        // More than a long holds: digits beyond Long.MAX_VALUE, and a product that overflows.
        assertThat(PromDuration.millis("99999999999999999999s")).isEqualTo(-1);
        assertThat(PromDuration.millis("300000000y")).isEqualTo(-1);
    }

    @Test
    void installParametersTakeOnlyDurationsLongerThanZero() {
        assertThat(ParameterCheck.parseDuration("2h")).contains(Duration.ofHours(2));
        assertThat(ParameterCheck.parseDuration("0s")).isEmpty();
        assertThat(ParameterCheck.parseDuration("2 hours")).isEmpty();
        assertThat(ParameterCheck.parseDuration("99999999999999999999s")).isEmpty();
    }
}
