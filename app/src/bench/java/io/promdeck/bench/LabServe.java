package io.promdeck.bench;

import io.promdeck.testing.Lab;
import io.promdeck.testing.LabMember;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps the lab (2 Prometheus, 3 Alertmanagers) running for benchmarks that need a live stack, and writes a direct
 * profile naming it. Runs until killed (the lab's shutdown hook stops exactly its processes).
 *
 * <p>Run: {@code mvn -pl app -Pbench -DskipTests test-compile exec:exec -Dbench.main=io.promdeck.bench.LabServe
 * -Dbench.args=/tmp/lab-profile.yaml}
 */
public final class LabServe {

    private LabServe() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path profile = Path.of(args.length > 0 ? args[0] : "lab-profile.yaml");
        Lab lab = Lab.start();
        StringBuilder yaml = new StringBuilder("name: lab\nprometheus:\n");
        for (LabMember m : lab.prometheus()) {
            yaml.append("  - {name: ").append(m.name()).append(", url: \"").append(m.url()).append("\"}\n");
        }
        yaml.append("alertmanager:\n");
        for (LabMember m : lab.alertmanagers()) {
            yaml.append("  - {name: ").append(m.name()).append(", url: \"").append(m.url()).append("\"}\n");
        }
        Files.writeString(profile, yaml);
        System.out.println("lab ready in " + lab.startup().toMillis() + " ms; profile " + profile.toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "lab-serve-stop"));
        new CountDownLatch(1).await();
    }
}
