package io.promdeck.app.doctor;

import java.util.Optional;

/**
 * One HA check: a pure function of what the console knows about a stack. Empty when it does not apply (Thanos checks
 * on a stack without Thanos: absent, not failed).
 */
public interface Check {

    Optional<Finding> check(Facts facts);
}
