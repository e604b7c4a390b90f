package io.promdeck.ui.install;

import io.promdeck.app.install.Parameter;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** The Alerting step's view: the webhook receiver, grouping intervals and the chat robots (their URLs are secrets). */
final class AlertingPane {

    private AlertingPane() {
    }

    static Node build(WizardFields fields) {
        WizardForms form = new WizardForms(fields);
        TextField webhook = form.text("webhook", Parameter.WEBHOOK_URL);
        webhook.setPrefColumnCount(40);
        webhook.setPromptText("https://… (your alert receiver; or use a robot below)");
        form.text("group-by", Parameter.GROUP_BY).setPromptText("alertname, cluster, namespace");
        form.text("group-wait", Parameter.GROUP_WAIT);
        form.text("group-interval", Parameter.GROUP_INTERVAL);
        form.text("repeat-interval", Parameter.REPEAT_INTERVAL);
        form.text("email-to", Parameter.EMAIL_TO).setPromptText("oncall@corp.example, … (optional)");
        javafx.beans.binding.BooleanBinding noEmail = fields.text(Parameter.EMAIL_TO).isEmpty();
        form.text("smtp-smarthost", Parameter.SMTP_SMARTHOST).disableProperty().bind(noEmail);
        form.text("smtp-from", Parameter.SMTP_FROM).disableProperty().bind(noEmail);
        form.text("smtp-username", Parameter.SMTP_USERNAME).disableProperty().bind(noEmail);
        form.text("smtp-password", Parameter.SMTP_PASSWORD).disableProperty().bind(noEmail);
        form.flag("dingtalk", Parameter.DINGTALK, "Also notify a DingTalk robot (bridge: prometheus-webhook-dingtalk)");
        form.text("dingtalk-url", Parameter.DINGTALK_ROBOT_URL).disableProperty().bind(fields.flag(Parameter.DINGTALK).not());
        form.flag("wechat", Parameter.WECHAT, "Also notify a WeChat Work robot (needs a bridge image)");
        form.text("wechat-url", Parameter.WECHAT_ROBOT_URL).disableProperty().bind(fields.flag(Parameter.WECHAT).not());
        form.text("wechat-image", Parameter.WECHAT_IMAGE).disableProperty().bind(fields.flag(Parameter.WECHAT).not());
        return new VBox(10, WizardForms.section("Where alerts go"), form.grid(),
                WizardForms.note("Robot URLs carry their access token: they are stored in Secrets, never in the parameters, and masked "
                        + "in exports."));
    }
}
