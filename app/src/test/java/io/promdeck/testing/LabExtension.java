package io.promdeck.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One lab per test class ({@code @RegisterExtension static LabExtension LAB = new LabExtension();}): started before
 * the first test, stopped after the last, also when tests fail.
 */
public final class LabExtension implements BeforeAllCallback, AfterAllCallback {

    private final LabOptions options;
    private Lab lab;

    public LabExtension() {
        this(LabOptions.defaults());
    }

    public LabExtension(LabOptions options) {
        this.options = options;
    }

    public Lab lab() {
        if (lab == null) {
            throw new IllegalStateException("the lab starts before the first test of the class");
        }
        return lab;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        lab = Lab.start(options);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (lab != null) {
            lab.close();
            lab = null;
        }
    }
}
