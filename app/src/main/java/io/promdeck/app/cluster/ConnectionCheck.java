package io.promdeck.app.cluster;

/** The outcome of checking a context: the server and who we are, or why not. */
public sealed interface ConnectionCheck {

    /** Where the user name came from: the server's SelfSubjectReview, or only the kubeconfig's user entry. */
    enum UserSource {
        SELF_SUBJECT_REVIEW, KUBECONFIG
    }

    record Connected(String serverVersion, String userName, UserSource userSource) implements ConnectionCheck {
    }

    record Failed(ConnectionProblem problem) implements ConnectionCheck {
    }
}
