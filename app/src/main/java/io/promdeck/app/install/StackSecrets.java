package io.promdeck.app.install;

import java.security.SecureRandom;

/**
 * Secret values of an install. Generated ones (object-store keys of the bundled S3, Grafana's admin password, the
 * InfluxDB user's password) are
 * created once and read back from the cluster on upgrade; the others are what the operator typed. Never logged:
 * {@link #toString()} masks every value.
 */
public record StackSecrets(String s3AccessKey, String s3SecretKey, String grafanaAdminPassword, String dingtalkRobotUrl,
        String wechatRobotUrl, String influxdbPassword, String smtpPassword) {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public StackSecrets {
        s3AccessKey = nullToEmpty(s3AccessKey);
        s3SecretKey = nullToEmpty(s3SecretKey);
        grafanaAdminPassword = nullToEmpty(grafanaAdminPassword);
        dingtalkRobotUrl = nullToEmpty(dingtalkRobotUrl);
        wechatRobotUrl = nullToEmpty(wechatRobotUrl);
        influxdbPassword = nullToEmpty(influxdbPassword);
        smtpPassword = nullToEmpty(smtpPassword);
    }

    public StackSecrets(String s3AccessKey, String s3SecretKey, String grafanaAdminPassword, String dingtalkRobotUrl, String wechatRobotUrl,
            String influxdbPassword) {
        this(s3AccessKey, s3SecretKey, grafanaAdminPassword, dingtalkRobotUrl, wechatRobotUrl, influxdbPassword, "");
    }

    /** Without an InfluxDB password (generated at review time when InfluxDB is the backend). */
    public StackSecrets(String s3AccessKey, String s3SecretKey, String grafanaAdminPassword, String dingtalkRobotUrl, String wechatRobotUrl) {
        this(s3AccessKey, s3SecretKey, grafanaAdminPassword, dingtalkRobotUrl, wechatRobotUrl, "", "");
    }

    /** Fresh random values for everything Promdeck generates; operator-given values stay empty. */
    public static StackSecrets generate(SecureRandom random) {
        return new StackSecrets(random(random, 20), random(random, 40), random(random, 24), "", "", random(random, 32), "");
    }

    /** This set with the generated values taken from {@code existing} wherever it has them (kept on upgrade). */
    public StackSecrets keepingGeneratedFrom(StackSecrets existing) {
        return new StackSecrets(
                existing.s3AccessKey.isEmpty() ? s3AccessKey : existing.s3AccessKey,
                existing.s3SecretKey.isEmpty() ? s3SecretKey : existing.s3SecretKey,
                existing.grafanaAdminPassword.isEmpty() ? grafanaAdminPassword : existing.grafanaAdminPassword,
                dingtalkRobotUrl.isEmpty() ? existing.dingtalkRobotUrl : dingtalkRobotUrl,
                wechatRobotUrl.isEmpty() ? existing.wechatRobotUrl : wechatRobotUrl,
                existing.influxdbPassword.isEmpty() ? influxdbPassword : existing.influxdbPassword,
                smtpPassword.isEmpty() ? existing.smtpPassword : smtpPassword);
    }

    public StackSecrets withS3Keys(String accessKey, String secretKey) {
        return new StackSecrets(accessKey, secretKey, grafanaAdminPassword, dingtalkRobotUrl, wechatRobotUrl, influxdbPassword, smtpPassword);
    }

    public StackSecrets withRobots(String dingtalk, String wechat) {
        return new StackSecrets(s3AccessKey, s3SecretKey, grafanaAdminPassword, dingtalk, wechat, influxdbPassword, smtpPassword);
    }

    public StackSecrets withSmtpPassword(String password) {
        return new StackSecrets(s3AccessKey, s3SecretKey, grafanaAdminPassword, dingtalkRobotUrl, wechatRobotUrl, influxdbPassword, password);
    }

    private static String random(SecureRandom random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "StackSecrets[***]";
    }
}
