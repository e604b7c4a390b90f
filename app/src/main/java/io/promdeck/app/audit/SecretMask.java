package io.promdeck.app.audit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secret values in configuration text before it is kept anywhere (the audit log, an export): values of keys
 * that hold secrets in Prometheus and Alertmanager configurations (passwords, tokens, keys, webhook URLs of chat
 * services, routing and service keys), credentials in URLs ({@code user:pass@}), and token-like query parameters.
 * File paths to secrets ({@code *_file}) are not secrets and stay.
 */
public final class SecretMask {

    public static final String MASK = "<secret>";
    private static final Pattern SECRET_KEY = Pattern.compile("(?im)^([+]?\\s*-?\\s*[\"']?(?:[a-z_]*password|[a-z_]*token|[a-z_]*secret[a-z_]*|"
            + "api_key|[a-z_]*api_url|routing_key|service_key|[a-z_]*_key|auth_token|credentials|webhook_url|bot_token|access_key|secret_key"
            + ")[\"']?\\s*:\\s*)(?!\\s*$)(.+)$");
    private static final Pattern URL_USERINFO = Pattern.compile("(\\b[a-z][a-z0-9+.-]*://)([^/@\\s:]+):([^/@\\s]+)@", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN_PARAM = Pattern.compile("([?&](?:access_token|token|key|secret|sig|signature|api_key|apikey|auth)=)([^&\\s\"']+)",
            Pattern.CASE_INSENSITIVE);

    private SecretMask() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher keys = SECRET_KEY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (keys.find()) {
            String key = keys.group(1);
            boolean file = key.strip().replaceAll("[\"':\\s-]", "").endsWith("_file");
            keys.appendReplacement(out, Matcher.quoteReplacement(file ? keys.group(0) : key + MASK));
        }
        keys.appendTail(out);
        String masked = URL_USERINFO.matcher(out.toString()).replaceAll("$1$2:" + Matcher.quoteReplacement(MASK) + "@");
        return TOKEN_PARAM.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }
}
