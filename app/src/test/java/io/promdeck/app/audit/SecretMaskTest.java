package io.promdeck.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Secret values are hidden wherever they sit: config lines, diff lines, URLs with credentials, token parameters. */
class SecretMaskTest {

    @Test
    void secretsAreMaskedInConfigurationsAndInTheirDiffs() {
        String config = """
                global:
                  slack_api_url: https://hooks.slack.com/services/T0/B0/XYZ
                  smtp_auth_password: 'hunter2'
                receivers:
                - name: pager
                  pagerduty_configs:
                  - routing_key: abcdef
                    http_config:
                      bearer_token_file: /etc/secrets/token
                  webhook_configs:
                  - url: https://user:pw@example.test/hook?token=t0k3n&team=a
                """;
        String masked = SecretMask.mask(config);
        assertThat(masked).doesNotContain("XYZ").doesNotContain("hunter2").doesNotContain("abcdef").doesNotContain(":pw@")
                .doesNotContain("t0k3n").contains("bearer_token_file: /etc/secrets/token").contains("&team=a")
                .contains("slack_api_url: <secret>");
        String diff = "@@ -1,3 +1,3 @@\n-  smtp_auth_password: old\n+  smtp_auth_password: new\n   smtp_from: a@b.test\n";
        assertThat(SecretMask.mask(diff)).isEqualTo("@@ -1,3 +1,3 @@\n-  smtp_auth_password: <secret>\n+  smtp_auth_password: <secret>\n"
                + "   smtp_from: a@b.test\n");
    }
}
