package io.promdeck.app.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.promdeck.app.install.ParameterCheck;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one parser of Prometheus durations, as the config checks and the install parameters both use it. */
class PromQlDurationTest {

    @Test
    void readsEveryUnitInPrometheusOrder() {
        assertThat(PromQl.durationMillis("1h30m")).isEqualTo(5_400_000);
        assertThat(PromQl.durationMillis("1y2w3d4h5m6s7ms")).isEqualTo(
                Duration.ofDays(365 + 14 + 3).plusHours(4).plusMinutes(5).plusSeconds(6).plusMillis(7).toMillis());
        assertThat(PromQl.durationMillis("0s")).isZero();
    }

    @Test
    void whatIsNotADurationIsMinusOneNotAnException() {
        assertThat(PromQl.durationMillis("")).isEqualTo(-1);
        assertThat(PromQl.durationMillis(null)).isEqualTo(-1);
        assertThat(PromQl.durationMillis("30 seconds")).isEqualTo(-1);
        assertThat(PromQl.durationMillis("5m1h")).isEqualTo(-1);
        // More than a long holds: digits beyond Long.MAX_VALUE, and a product that overflows.
        assertThat(PromQl.durationMillis("99999999999999999999s")).isEqualTo(-1);
        assertThat(PromQl.durationMillis("300000000y")).isEqualTo(-1);
    }

    @Test
    void installParametersTakeOnlyDurationsLongerThanZero() {
        assertThat(ParameterCheck.parseDuration("2h")).contains(Duration.ofHours(2));
        assertThat(ParameterCheck.parseDuration("0s")).isEmpty();
        assertThat(ParameterCheck.parseDuration("2 hours")).isEmpty();
        assertThat(ParameterCheck.parseDuration("99999999999999999999s")).isEmpty();
    }
}
