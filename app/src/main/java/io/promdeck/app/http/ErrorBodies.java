package io.promdeck.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the message out of an error reply and decides who sent it (component or API-server proxy).
 */
final class ErrorBodies {

    static final int MAX_MESSAGE = 600;
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]+>");

    private ErrorBodies() {
    }

    static CallError.HttpError classify(TransportResponse response, Route route, String target, ObjectMapper mapper) {
        String text = response.bodyText().strip();
        JsonNode json = parseJsonObject(text, mapper);
        boolean kubernetesStatus = json != null && "Status".equals(json.path("kind").asText());
        Origin origin = Origin.COMPONENT;
        if (route.throughApiServer() && (kubernetesStatus || looksLikeProxyFailure(response.status(), text))) {
            origin = Origin.PROXY;
        }
        return new CallError.HttpError(response.status(), message(text, json), origin, target, text);
    }

    /** The API server's proxy answers a pod it cannot reach with 502/503 and a short text of its own. */
    private static boolean looksLikeProxyFailure(int status, String text) {
        if (status != 502 && status != 503) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("error: '") || lower.startsWith("error trying to reach")
                || lower.contains("error trying to reach service") || lower.startsWith("no endpoints available");
    }

    static String message(String text, JsonNode json) {
        if (json != null) {
            for (String field : new String[] {"error", "message"}) {
                JsonNode node = json.get(field);
                if (node != null && node.isTextual() && !node.asText().isBlank()) {
                    String type = json.path("errorType").asText("");
                    return shorten(type.isEmpty() ? node.asText() : type + ": " + node.asText());
                }
            }
            return shorten(text);
        }
        if (looksLikeHtml(text)) {
            return shorten("HTML page: " + htmlTitle(text));
        }
        return shorten(text);
    }

    static boolean looksLikeHtml(String text) {
        String head = text.substring(0, Math.min(text.length(), 200)).toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<head") || head.contains("<body");
    }

    /** The title of an HTML page, or its text without tags. */
    static String htmlTitle(String text) {
        Matcher title = TITLE.matcher(text);
        String inner = title.find() ? title.group(1) : TAG.matcher(text).replaceAll(" ");
        return inner.replaceAll("\\s+", " ").strip();
    }

    static String shorten(String text) {
        String oneLine = text.strip();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "…";
    }

    private static JsonNode parseJsonObject(String text, ObjectMapper mapper) {
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
