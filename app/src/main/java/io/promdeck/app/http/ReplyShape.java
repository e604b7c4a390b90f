package io.promdeck.app.http;

/** Names what a reply is, for messages about replies that are not the component's own: "an HTML page 'Sign in'". */
public final class ReplyShape {

    private static final int SHOWN = 60;

    private ReplyShape() {
    }

    public static String describe(TransportResponse response) {
        String text = response.bodyText().strip();
        if (text.isEmpty()) {
            return "an empty body";
        }
        if (ErrorBodies.looksLikeHtml(text)) {
            String title = ErrorBodies.htmlTitle(text);
            return "an HTML page" + (title.isEmpty() ? "" : " '" + cut(title) + "'");
        }
        if (text.equals("null")) {
            return "JSON null";
        }
        if (text.startsWith("{") || text.startsWith("[")) {
            return "JSON '" + cut(text) + "'";
        }
        String type = response.contentType().isEmpty() ? "" : " (" + response.contentType() + ")";
        return "the text '" + cut(text) + "'" + type;
    }

    private static String cut(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= SHOWN ? oneLine : oneLine.substring(0, SHOWN) + "…";
    }
}
