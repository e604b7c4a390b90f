package io.promdeck.app.session;

import io.promdeck.app.cluster.ConnectionProblem;

/** Opening a context stopped at a step, for a reason the operator can act on. */
public final class ConnectFailure extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient ConnectionProblem problem;

    public ConnectFailure(ConnectionProblem problem) {
        super(problem.message());
        this.problem = problem;
    }

    public ConnectionProblem problem() {
        return problem;
    }
}
