package io.promdeck.app.prometheus;

/** {@code /api/v1/status/buildinfo}. */
public record BuildInfo(String version, String revision, String branch, String goVersion) {
}
